namespace RareEarthApi.Datasets;

/// <summary>One published, immutable version of a dataset as held in memory.</summary>
internal sealed record DatasetSnapshot<TRow>(
    string Dataset,
    string Version,
    DateTimeOffset PublishedAt,
    IReadOnlyList<TRow> Rows,
    IReadOnlyList<SourceEdition> Editions)
{
    private readonly Dictionary<string, SourceEdition> _editionsById =
        Editions.ToDictionary(e => e.Id, StringComparer.Ordinal);

    /// <summary>Who published this version, from its pointer: <c>seed</c>, <c>refresh:usgs:{run}</c>, <c>upload:...</c>.</summary>
    public string PublishedBy { get; init; } = "";

    public SourceEdition? Edition(string id) => _editionsById.GetValueOrDefault(id);
}
