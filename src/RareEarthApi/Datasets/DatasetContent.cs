namespace RareEarthApi.Datasets;

/// <summary>What a publish writes: the rows of one dataset and the editions they cite.</summary>
internal sealed record DatasetContent<TRow>(IReadOnlyList<TRow> Rows, IReadOnlyList<SourceEdition> Editions);
