using System.Globalization;
using System.Security.Cryptography;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;

namespace RareEarthApi.Trade;

/// <summary>
/// Real UN Comtrade responses bundled unchanged (Seed/raw/comtrade/, listed in files.csv with their sha256, the URL
/// they answered and the stored copy they were taken from), read through the parser and mapping the refresh uses,
/// so that a bundled figure is the file's figure and nothing is typed by hand.
/// </summary>
internal static class ComtradeRawSeed
{
    public const string Folder = "raw/comtrade";
    public const string Manifest = "files.csv";

    /// <summary>One listed response: the file, its hash, the edition its rows cite and where it came from.</summary>
    public sealed record RawFile(string File, string Sha256, string Edition, string Url, string Copy);

    public static IReadOnlyList<RawFile> Files(string root)
    {
        var manifest = Path.Combine(root, Manifest);
        return [.. CsvFiles.Read(manifest).Select((r, i) => new RawFile(
            r.Required("file", Manifest, i + 2),
            r.Required("sha256", Manifest, i + 2),
            r.Required("edition", Manifest, i + 2),
            r.Required("url", Manifest, i + 2),
            r.Required("copy", Manifest, i + 2)))];
    }

    /// <summary>The rows of every listed response; a changed file, an unmapped code or a duplicate stops the seed.</summary>
    public static IReadOnlyList<TradeFlow> Read(CountryCatalog countries, CommodityCatalog commodities, IReadOnlyCollection<SourceEdition> editions) =>
        Read(SeedFiles.Path(Folder), countries, commodities, editions);

    public static IReadOnlyList<TradeFlow> Read(string root, CountryCatalog countries, CommodityCatalog commodities, IReadOnlyCollection<SourceEdition> editions)
    {
        var rows = new List<TradeFlow>();
        var records = new List<ComtradeRecord>();
        foreach (var file in Files(root))
        {
            var name = $"{Folder}/{file.File}";
            if (editions.All(e => e.Id != file.Edition))
            {
                throw new InvalidDataException($"{Manifest}: {file.File} cites edition '{file.Edition}', which trade-editions.csv does not list.");
            }

            var bytes = File.ReadAllBytes(Path.Combine(root, file.File));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{name}: sha256 {sha} is not the {file.Sha256} of {file.Copy}; the bundled response was changed.");
            }

            using var stream = new MemoryStream(bytes);
            var response = ComtradeParser.Parse(stream, name);
            var mapped = ComtradeTradeMapping.Map(response.Records, countries, commodities, file.Edition);
            if (response.Problems.Count + mapped.Problems.Count > 0)
            {
                throw new InvalidDataException(string.Join(" ", response.Problems.Concat(mapped.Problems).Take(10)));
            }

            records.AddRange(response.Records);
            var origin = string.Create(CultureInfo.InvariantCulture, $"Bundled response Seed/{name} (a copy of {file.Copy}).");
            rows.AddRange(mapped.Rows.Select(r => r with { Note = r.Note is null ? origin : $"{r.Note} {origin}" }));
        }

        if (ComtradeParser.Duplicates(records) is { Count: > 0 } duplicates)
        {
            throw new InvalidDataException($"{Folder}: " + string.Join(" ", duplicates.Take(10)));
        }

        return rows;
    }
}
