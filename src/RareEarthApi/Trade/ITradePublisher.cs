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
    /// <summary>
    /// Maps and merges the records with the served rows, each reporter-year on its own: one with a problem (of the
    /// batch or of the mapping) keeps its served rows and is named in <see cref="ParsedDataset.Rejected"/>; only when
    /// none can be published are the problems the dataset's. <paramref name="note"/> adds to the run's message.
    /// </summary>
    Task<ParsedDataset> BuildAsync(ComtradeBatch batch, Action<string> note, CancellationToken cancellationToken);
}

/// <summary>A run's records, and the problems of its fetch and parse (failed calls, negative figures, duplicates) by reporter-year.</summary>
internal sealed record ComtradeBatch(IReadOnlyList<ComtradeRecord> Records, IReadOnlyList<ComtradeProblem> Problems);
