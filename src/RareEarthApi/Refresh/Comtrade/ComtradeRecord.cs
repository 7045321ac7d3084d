using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>One UN Comtrade record as the API gives it; netWgt in kg, values in USD (primaryValue: CIF for imports, FOB for exports).</summary>
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
    bool IsReported);

/// <summary>
/// Turns Comtrade records into the trade dataset's rows (built on the trade branch; the lead wires the
/// implementation at merge). With no implementation registered, the Comtrade refresh downloads, archives and
/// parses, and records its run as not-published.
/// </summary>
internal interface ITradePublisher
{
    ParsedDataset Build(IReadOnlyList<ComtradeRecord> records);
}
