namespace RareEarthApi.Datasets;

/// <summary>
/// One edition of a publication that figures come from, e.g. USGS Mineral Commodity Summaries 2026. <see cref="Copy"/>
/// is the stored copy the figures were read from when it is not the publication itself (a document host's text of an
/// old chapter, a public repository's copy of a data-release file), so anyone can check them.
/// </summary>
public sealed record SourceEdition(
    string Id,
    string SourceId,
    string Title,
    string Publisher,
    DateOnly Published,
    string? Doi,
    string? Url,
    string? Copy = null);
