namespace RareEarthApi.Datasets;

/// <summary>The dataset's current version as recorded in the datasets table; switching it is the publish.</summary>
internal sealed record DatasetPointer(
    string Dataset,
    string Version,
    DateTimeOffset PublishedAt,
    int RowCount,
    string PublishedBy,
    IReadOnlyList<SourceEdition> Editions);
