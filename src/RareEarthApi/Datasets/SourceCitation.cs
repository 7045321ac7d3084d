using System.Globalization;
using RareEarthApi.Production;

namespace RareEarthApi.Datasets;

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
        label);
}
