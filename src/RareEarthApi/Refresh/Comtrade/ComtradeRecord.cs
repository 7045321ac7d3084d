namespace RareEarthApi.Refresh.Comtrade;

/// <summary>
/// One UN Comtrade record as the API gives it; netWgt in kg, values in USD (primaryValue: CIF for imports, FOB for
/// exports). qty is in qtyUnitAbbr; the descriptions are the labels Comtrade printed (with includeDesc=true).
/// </summary>
public sealed record ComtradeRecord(
    int ReporterCode,
    string? ReporterIso,
    int PartnerCode,
    string? PartnerIso,
    string FlowCode,
    string CmdCode,
    string Period,
    string? Classification,
    double? NetWgt,
    double? PrimaryValue,
    double? CifValue,
    double? FobValue,
    bool IsAggregate,
    bool IsReported,
    double? Qty = null,
    string? QtyUnit = null,
    bool IsNetWgtEstimated = false,
    bool IsQtyEstimated = false,
    string? ReporterDesc = null,
    string? PartnerDesc = null);
