using System.ComponentModel.DataAnnotations;
using System.Globalization;
using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>Where one figure comes from; <c>Copy</c> is the stored copy it was read from, when not the publication itself.</summary>
public sealed record SourceJson(string Id, string Edition, string Title, string Publisher, [DataType(DataType.Date)] string? Published, string? Doi, string? Url, string Label, string? Copy = null);

/// <summary>The source block of a row: the edition it cites, as the snapshot lists it, and the source's own label.</summary>
internal static class SourceCitation
{
    public static SourceJson Of(SourceEdition? edition, string editionId, string label) => new(
        edition?.SourceId ?? editionId,
        editionId,
        edition?.Title ?? editionId,
        edition?.Publisher ?? "",
        edition?.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        edition?.Doi,
        edition?.Url,
        label,
        edition?.Copy);

    /// <summary>The source block flattened for CSV: every dataset's CSV carries the same provenance columns.</summary>
    public static IEnumerable<CsvColumn<T>> CsvColumns<T>(Func<T, SourceJson> source) =>
    [
        new("sourceId", r => source(r).Id),
        new("edition", r => source(r).Edition),
        new("sourceTitle", r => source(r).Title),
        new("publisher", r => source(r).Publisher),
        new("published", r => source(r).Published),
        new("doi", r => source(r).Doi),
        new("url", r => source(r).Url),
        new("sourceLabel", r => source(r).Label),
        new("copy", r => source(r).Copy),
    ];
}
