using RareEarthApi.Datasets;

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

/// <summary>
/// Turns Comtrade records into the trade dataset's next version (Trade/ComtradeTradePublisher.cs). With no
/// implementation registered, the Comtrade refresh downloads, archives and parses, and records its run as
/// not-published; with several, the last registered wins.
/// </summary>
internal interface ITradePublisher
{
    /// <summary>Maps and merges the records with the served rows; problems are listed, not thrown; <paramref name="note"/> adds to the run's message.</summary>
    Task<ParsedDataset> BuildAsync(IReadOnlyList<ComtradeRecord> records, Action<string> note, CancellationToken cancellationToken);
}
