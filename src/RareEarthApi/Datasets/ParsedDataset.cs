namespace RareEarthApi.Datasets;

/// <summary>
/// A source file parsed into one dataset's rows, whatever their type: the refresh pipeline checks it (problems,
/// row count against the served version) and publishes it without knowing the row type.
/// </summary>
internal sealed record ParsedDataset(
    string Dataset,
    int RowCount,
    IReadOnlyList<string> Problems,
    Func<DatasetVersionStore, string, CancellationToken, Task<PreparedVersion>> WriteAsync)
{
    /// <summary>Parts of the source (editions) left out of this publish and why; the rest publishes (run record, catalog).</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>Writes and serves this dataset alone (a refresh of several writes them all, then switches).</summary>
    public async Task<DatasetPointer> PublishAsync(DatasetVersionStore store, string publishedBy, CancellationToken cancellationToken) =>
        await store.SwitchAsync(await WriteAsync(store, publishedBy, cancellationToken), cancellationToken);
}

/// <summary>
/// A dataset maintained as a curated file (refining shares, restriction events): the bundled seed and a refreshed
/// or uploaded file share one format and one parser.
/// </summary>
internal interface ICuratedDataset
{
    string Dataset { get; }

    /// <summary>Parses and validates a file in the bundled seed's format; problems are listed, not thrown.</summary>
    ParsedDataset Parse(Stream content, string fileName);
}
