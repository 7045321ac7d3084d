namespace RareEarthApi.Datasets;

/// <summary>One edition of a publication that figures come from, e.g. USGS Mineral Commodity Summaries 2026.</summary>
public sealed record SourceEdition(
    string Id,
    string SourceId,
    string Title,
    string Publisher,
    DateOnly Published,
    string? Doi,
    string? Url);
