using System.Security.Cryptography;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refresh.Usitc;

namespace RareEarthApi.Trade;

/// <summary>
/// Real source files bundled unchanged (Seed/raw/, listed in files.csv with their format, sha256, the URL they
/// answered and the stored copy they were taken from): UN Comtrade responses through the parser and mapping the
/// refresh uses, USITC DataWeb exports through their own parser. A bundled figure is the file's figure; nothing is
/// typed by hand.
/// </summary>
internal static class TradeRawSeed
{
    public const string Folder = "raw";
    public const string Manifest = "files.csv";
    public const string ComtradeJson = "comtrade-json";
    public const string UsitcXlsx = "usitc-dataweb-xlsx";

    /// <summary>One listed file: where it is under Seed/raw, its format and hash, the edition its rows cite and where it came from.</summary>
    public sealed record RawFile(string File, string Format, string Sha256, string Edition, string Url, string Copy);

    public static IReadOnlyList<RawFile> Files(string root)
    {
        var manifest = Path.Combine(root, Manifest);
        return [.. CsvFiles.Read(manifest).Select((r, i) => new RawFile(
            r.Required("file", Manifest, i + 2),
            Format(r.Required("format", Manifest, i + 2), i + 2),
            r.Required("sha256", Manifest, i + 2),
            r.Required("edition", Manifest, i + 2),
            r.Required("url", Manifest, i + 2),
            r.Required("copy", Manifest, i + 2)))];
    }

    private static string Format(string format, int line) =>
        format is ComtradeJson or UsitcXlsx ? format : throw new InvalidDataException($"{Manifest} row {line}: format '{format}' is not {ComtradeJson} or {UsitcXlsx}.");

    public static IReadOnlyList<TradeFlow> Read(CountryCatalog countries, CommodityCatalog commodities, IReadOnlyCollection<SourceEdition> editions) =>
        Read(SeedFiles.Path(Folder), countries, commodities, editions);

    /// <summary>The rows of every listed file; a changed file, an unmapped code or a duplicate stops the seed.</summary>
    public static IReadOnlyList<TradeFlow> Read(string root, CountryCatalog countries, CommodityCatalog commodities, IReadOnlyCollection<SourceEdition> editions)
    {
        var rows = new List<TradeFlow>();
        var records = new List<ComtradeRecord>();
        foreach (var file in Files(root))
        {
            var name = $"Seed/{Folder}/{file.File}";
            if (editions.All(e => e.Id != file.Edition))
            {
                throw new InvalidDataException($"{Manifest}: {file.File} cites edition '{file.Edition}', which trade-editions.csv does not list.");
            }

            var bytes = File.ReadAllBytes(Path.Combine(root, file.File));
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{name}: sha256 {sha} is not the {file.Sha256} of {file.Copy}; the bundled file was changed.");
            }

            using var stream = new MemoryStream(bytes);
            var origin = $"Bundled file {name} (a copy of {file.Copy}).";
            IReadOnlyList<TradeFlow> mapped;
            if (file.Format == ComtradeJson)
            {
                var response = ComtradeParser.Parse(stream, name);
                var mapping = ComtradeTradeMapping.Map(response.Records, countries, commodities, file.Edition);
                Fail(name, [.. response.Problems.Select(p => p.Message), .. mapping.Problems.Select(p => p.Message)]);
                records.AddRange(response.Records);
                mapped = mapping.Rows;
            }
            else
            {
                var report = UsitcDataWebParser.Parse(stream, name);
                var mapping = UsitcTradeMapping.Map(report, countries, commodities, file.Edition);
                Fail(name, mapping.Problems);
                mapped = mapping.Rows;
            }

            rows.AddRange(mapped.Select(r => r with { Note = r.Note is null ? origin : $"{r.Note} {origin}" }));
        }

        Fail($"Seed/{Folder}", [.. ComtradeParser.Duplicates(records).Select(p => p.Message)]);
        return rows;
    }

    private static void Fail(string where, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{where}: " + string.Join(" ", problems.Take(10)));
        }
    }
}
