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

    public SourceEdition? Edition(string id) => _editionsById.GetValueOrDefault(id);
}
