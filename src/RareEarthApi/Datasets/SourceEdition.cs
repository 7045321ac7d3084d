using System.Globalization;

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

/// <summary>An editions file (Seed/editions.csv, Seed/trade-editions.csv): one edition a line, read strictly.</summary>
internal static class SourceEditions
{
    public static IReadOnlyList<SourceEdition> Read(TextReader reader, string file) =>
        CsvFiles.Read(reader, file).Select((r, i) => new SourceEdition(
            r.Required("id", file, i + 2),
            r.Required("sourceId", file, i + 2),
            r.Required("title", file, i + 2),
            r.Required("publisher", file, i + 2),
            DateOnly.ParseExact(r.Required("published", file, i + 2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Optional("doi"),
            r.Optional("url"),
            r.Optional("copy"))).ToList();
}
