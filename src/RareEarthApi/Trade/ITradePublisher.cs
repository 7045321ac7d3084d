using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;

namespace RareEarthApi.Trade;

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
