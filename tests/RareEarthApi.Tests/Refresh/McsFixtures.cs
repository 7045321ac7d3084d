using System.Globalization;
using System.IO.Compression;
using System.Text;
using RareEarthApi.Countries;
using RareEarthApi.Production;

using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>
/// Source files in the USGS MCS formats, written from the project's own seed rows (or rows a test adds), so the
/// integration tests serve files as large as the real rare-earth sections without copying any sample file.
/// </summary>
internal static class McsFixtures
{
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private const string OtherNotes = "\"(Data in metric tons, rare-earth-oxide (REO) equivalent, unless otherwise specified) -- Data include lanthanides and yttrium but exclude most scandium.\"";

    public static IReadOnlyList<Observation> Seed(string edition)
    {
        // The rare-earth rows: the fixture files are written in the rare-earth chapter's words.
        var content = ObservationSeedDataset.Read(SeedCatalogs.Countries, SeedCatalogs.CommodityNames);
        return content.Rows.Where(r => r.Edition == edition && r.Commodity == "rare-earths").ToList();
    }

    /// <summary>A real release file bundled under Seed/raw, as the app ships it.</summary>
    public static byte[] Real(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", "raw", file));

    /// <summary>The real MCS2026_Commodities_Data.csv, with lines a test adds (Windows-1252, CRLF, as the file is written).</summary>
    public static byte[] Real2026(IEnumerable<string>? extraLines = null) =>
        [.. Real("usgs-mcs-2026/MCS2026_Commodities_Data.csv"), .. Windows1252.GetBytes(string.Concat((extraLines ?? []).Select(l => l + "\r\n")))];

    /// <summary>The real MCS2025_World_Data.csv inside World_Data_Release_MCS_2025.zip, as ScienceBase ships it; lines a test adds at the end.</summary>
    public static byte[] Real2025Zip(IEnumerable<string>? extraLines = null) =>
        Zip("MCS2025_World_Data.csv", [.. Real("usgs-mcs-2025/MCS2025_World_Data.csv"), .. Encoding.UTF8.GetBytes(string.Concat((extraLines ?? []).Select(l => l + "\n")))]);

    public static byte[] Zip(string entryName, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>MCS 2026 long format, Windows-1252, as MCS2026_Commodities_Data.csv.</summary>
    public static byte[] Long2026(IEnumerable<Observation> rows, IEnumerable<string>? extraLines = null)
    {
        var sb = new StringBuilder("MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes\r\n");
        // A salient-statistics row and an import-sources row with a period, which the production datasets skip.
        sb.Append("RARE EARTHS,Salient Statistics—United States,Rare Earths,United States,Import,Imports: Compounds,metric tons,2024,\"7,000\",Estimated.,Yes,").Append(OtherNotes).Append("\r\n");
        sb.Append("RARE EARTHS,Import Sources,Rare Earths,China,Import sources,Share of imports,percent,2021–24,71,,Yes,").Append(OtherNotes).Append("\r\n");
        foreach (var r in rows)
        {
            var world = r.Country == "WLD";
            var (statistic, detail) = r.Measure == "reserves" ? ("Reserves", world ? "Reserves: rounded" : "Reserves") : ("Production", world ? "Mine production: rounded" : "Mine production");
            var notes = string.Join(" -- ", new[] { r.Status == "estimated" ? "Estimated." : r.Measure == "reserves" ? "See Appendix C for resource and reserve definitions." : "Reported.", r.Note }.Where(n => !string.IsNullOrEmpty(n)));
            sb.Append(CultureInfo.InvariantCulture,
                $"{Upper(r.Commodity)},World Mine Production and Reserves,{Title(r.Commodity)},{Csv(r.SourceLabel)},{statistic},{detail},metric tons,{r.Year},{Csv(Token(r, thousands: true))},{Csv(notes)},Yes,{OtherNotes}\r\n");
        }

        foreach (var line in extraLines ?? [])
        {
            sb.Append(line).Append("\r\n");
        }

        return Windows1252.GetBytes(sb.ToString());
    }

    /// <summary>MCS 2025 all-commodity wide format (MCS2025_World_Data.csv) inside World_Data_Release_MCS_2025.zip.</summary>
    public static byte[] WideAll2025Zip(IEnumerable<Observation> rows)
    {
        var sb = new StringBuilder("SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES\r\n");
        foreach (var g in rows.GroupBy(r => (r.Commodity, r.SourceLabel)))
        {
            var p23 = g.FirstOrDefault(r => r.Measure == "mine-production" && r.Year == 2023);
            var p24 = g.FirstOrDefault(r => r.Measure == "mine-production" && r.Year == 2024);
            var res = g.FirstOrDefault(r => r.Measure == "reserves");
            var note = g.Where(r => r.Measure == "mine-production").Select(r => r.Note).FirstOrDefault(n => n is not null);
            var reserves = res is null ? "" : res.Status == "not-available" ? "" : Token(res, thousands: false);
            sb.Append(CultureInfo.InvariantCulture,
                $"MCS2025,{Title(g.Key.Commodity)},{(g.Key.SourceLabel.Contains(',') ? Csv(g.Key.SourceLabel) : g.Key.SourceLabel + " ")},\"Mine production, rare-earth-oxide equivalent\",metric tons,{Wide(p23)},{Wide(p24)},{Csv(note ?? "")},,,,{Csv(reserves)},{(res?.Status == "not-available" ? "NA" : Csv(res?.Note ?? ""))}\r\n");
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("MCS2025_World_Data.csv");
            using var stream = entry.Open();
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            stream.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>MCS 2024 per-commodity wide format (mcs2024-raree_world.csv).</summary>
    public static byte[] WideCommodity2024(IEnumerable<Observation> rows)
    {
        var sb = new StringBuilder("Source,Country,Type,Prod_t_est_2022,Prod_t_est_2023,Prod_notes,Reserves_t,Reserves_notes\r\n");
        foreach (var g in rows.GroupBy(r => r.SourceLabel))
        {
            var p22 = g.FirstOrDefault(r => r.Measure == "mine-production" && r.Year == 2022);
            var p23 = g.FirstOrDefault(r => r.Measure == "mine-production" && r.Year == 2023);
            var res = g.FirstOrDefault(r => r.Measure == "reserves");
            var type = $"{Title(g.First().Commodity)}, mine production, rare-earth-oxide equivalent, metric tons";
            sb.Append(CultureInfo.InvariantCulture,
                $"MCS2024,{Csv(g.Key)},{Csv(type)},{(p22 is null ? "" : Token(p22, false))},{(p23 is null ? "" : Token(p23, false))},{Csv(p23?.Note ?? "")},{(res is null ? "" : Token(res, false))},{Csv(res?.Note ?? "")}\r\n");
        }

        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static string ItemJson(string baseUrl, params string[] files) =>
        "{\"id\":\"item\",\"title\":\"Mineral Commodity Summaries (test item)\",\"files\":[" +
        string.Join(",", files.Select(f => $"{{\"name\":\"{f}\",\"contentType\":\"text/csv\",\"url\":\"{baseUrl}/files/{Uri.EscapeDataString(f)}\"}}")) + "]}";

    private static string Wide(Observation? r) => r is null || r.Status == "zero" ? "" : Token(r, thousands: false);

    private static string Token(Observation r, bool thousands) => r.Status switch
    {
        "zero" => thousands ? "—" : "0",
        "not-available" => "NA",
        "withheld" => "W",
        "not-applicable" => "XX",
        "lower-bound" => ">" + Number(r.Value!.Value, thousands),
        _ => Number(r.Value!.Value, thousands),
    };

    private static string Number(double v, bool thousands) => v.ToString(thousands ? "#,0.##" : "0.##", CultureInfo.InvariantCulture);

    private static string Title(string slug) => string.Join(' ', slug.Split('-').Select((w, i) => i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));

    private static string Upper(string slug) => slug.Replace('-', ' ').ToUpperInvariant();

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
