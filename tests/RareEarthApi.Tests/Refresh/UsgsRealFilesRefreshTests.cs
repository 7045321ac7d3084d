using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.Refresh;

/// <summary>
/// The real MCS 2025 and 2026 release files replayed through the USGS refresh from a loopback ScienceBase (item JSON
/// and file, as in production): they publish, and every figure the files print is served, row for row. The expected
/// figures are read here with a plain CSV reader, not with the parser under test.
/// </summary>
public sealed partial class UsgsRealFilesRefreshTests : RefreshTestBase
{
    private const string Zip2025 = "World_Data_Release_MCS_2025.zip";

    private void ServeUsgs2025(byte[] zip)
    {
        Server.ServeBytes("/catalog/item/item2025", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, Zip2025)), "application/json");
        Server.ServeBytes("/files/" + Zip2025, zip, "application/zip");
    }

    private Task<ApiHost> StartWithBothAsync() =>
        StartHostAsync(("Refresh:Usgs:Editions:usgs-mcs-2025:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2025:ItemId", "item2025"));

    [Fact]
    public async Task RealFiles_Publish_AndEveryNumberTheyPrint_IsServed()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        ServeUsgs2025(McsFixtures.Real2025Zip());
        await using var host = await StartWithBothAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.Empty(run.Rejected);
        Assert.StartsWith("refresh:usgs:", (await CatalogEntryAsync(host, "production")).PublishedBy);
        Assert.Equal(Expected2026(), await ServedAsync(host, "usgs-mcs-2026"));
        Assert.Equal(Expected2025(), await ServedAsync(host, "usgs-mcs-2025"));
        // A few figures by name, as the files print them.
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
        Assert.Equal(1270000, await ValueAsync(host, "commodity=graphite&country=CHN&year=2024&edition=usgs-mcs-2025"));
        // MCS 2025 prints the ilmenite-and-rutile World total on an ilmenite row: one World row per table, not two ilmenite ones.
        Assert.Equal(8900, await ValueAsync(host, "commodity=titanium-mineral-concentrates-ilmenite&country=WLD&year=2024&edition=usgs-mcs-2025"));
        Assert.Equal(9400, await ValueAsync(host, "commodity=titanium-mineral-concentrates-ilmenite-and-rutile&country=WLD&year=2024&edition=usgs-mcs-2025"));
    }

    /// <summary>The real MCS 2024 item: every per-commodity world file and the revision notes beside them, as ScienceBase lists them.</summary>
    private static readonly string[] Files2024 = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seed", "raw", "usgs-mcs-2024")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private void ServeUsgs2024(Func<string, byte[], byte[]>? edit = null)
    {
        Server.ServeBytes("/catalog/item/item2024", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, Files2024)), "application/json");
        foreach (var file in Files2024)
        {
            var bytes = McsFixtures.Real("usgs-mcs-2024/" + file);
            Server.ServeBytes("/files/" + Uri.EscapeDataString(file), edit?.Invoke(file, bytes) ?? bytes, "text/csv");
        }
    }

    [Fact]
    public async Task RealFiles2024_EveryCommodity_Publish_AndEveryNumberTheyPrint_IsServed()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        ServeUsgs2024();
        await using var host = await StartHostAsync(("Refresh:Usgs:Editions:usgs-mcs-2024:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2024:ItemId", "item2024"));

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.Empty(run.Rejected);
        Assert.Equal(77, Files2024.Count(f => f.EndsWith("_world.csv", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(Expected2024(), await ServedAsync(host, "usgs-mcs-2024"));
        // The salient-statistics files, read with their metadata files by the same run: every filled cell a row.
        var salient = (await host.Client.ReadEnvelope<UsStatisticJson>("api/v1/us-statistics?commodity=rare-earths&edition=usgs-mcs-2024&limit=1000")).Data;
        Assert.Equal(UsStatistics.Mcs2024SalientTests.Cells("mcs2024-raree_salient.csv").Select(c => (c.Year, c.Cell)).Order(),
            salient.Select(r => (r.Year, r.Printed)).Order());
        // A few figures by name, as the files print them: rare earths (mcs2024-raree_world.csv), gallium, graphite by its
        // alias, iron ore's usable-ore table, titanium sponge capacity (a qualifier in the column name).
        Assert.Equal(240000, await ValueAsync(host, "country=CHN&year=2023&edition=usgs-mcs-2024"));
        Assert.Equal(110000000, Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/reserves?country=WLD&edition=usgs-mcs-2024")).Data).Value);
        Assert.Equal(1230000, await ValueAsync(host, "commodity=graphite&country=CHN&year=2023&edition=usgs-mcs-2024"));
        Assert.Equal(960000, await ValueAsync(host, "commodity=iron-ore-usable-ore&country=AUS&year=2023&edition=usgs-mcs-2024"));
        Assert.Equal(260000, await ValueAsync(host, "commodity=titanium-titanium-dioxide-sponge-metal&stage=production-capacity&country=CHN&year=2023&edition=usgs-mcs-2024"));
        var estimated = Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/production?commodity=sand-and-gravel-industrial&country=ARG&year=2022&edition=usgs-mcs-2024")).Data);
        Assert.Equal((ValueStatus.Estimated, (double?)3900.0), (estimated.Status, estimated.Value));
    }

    /// <summary>The MCS 2023 world files bundled unchanged (Seed/raw/usgs-mcs-2023), as the stored copy holds them.</summary>
    private static readonly string[] Files2023 = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seed", "raw", "usgs-mcs-2023")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every filled value cell of the MCS 2023 world files, save the reserves cells "XX" ("Not applicable") of refinery
    /// rows (alumina beside bauxite, refined copper), which no reserves table holds.
    /// </summary>
    private static int FilledCells2023()
    {
        var cells = 0;
        foreach (var file in Files2023.Where(f => f.EndsWith("_world.csv", StringComparison.Ordinal)))
        {
            var rows = Csv(Encoding.UTF8.GetString(McsFixtures.Real("usgs-mcs-2023/" + file)).TrimStart('\uFEFF'));
            var values = rows[0].Select((h, i) => (h, i)).Where(x => x.i > 2 && Regex.IsMatch(x.h, @"^(Prod|Cap|Reserves)_(?!notes?$)", RegexOptions.IgnoreCase)).ToList();
            cells += rows.Skip(1).Sum(r => values.Count(v => v.i < r.Length && r[v.i].Trim().Length > 0
                && !(v.h.StartsWith("Reserves", StringComparison.Ordinal) && r[v.i].Trim() == "XX" && r[2].Contains("Refinery", StringComparison.Ordinal))));
        }

        return cells;
    }

    [Fact]
    public async Task Bundled2023_EveryCommodity_IsServed_AndEveryNumberTheFilesPrint_RowForRow()
    {
        await using var host = await StartHostAsync();

        Assert.Equal(77, Files2023.Count(f => f.EndsWith("_world.csv", StringComparison.Ordinal)));
        Assert.Equal(ExpectedWorldFiles("usgs-mcs-2023", Files2023), await ServedAsync(host, "usgs-mcs-2023"));
        // One row per filled cell, numbers or not (NA, W, "Included in World total.").
        var rows = await TotalAsync<ObservationJson>(host, "production", "commodity=all&edition=usgs-mcs-2023")
            + await TotalAsync<ObservationJson>(host, "reserves", "commodity=all&edition=usgs-mcs-2023");
        Assert.Equal(FilledCells2023(), rows);
        // A few figures by name, as the files print them (mcs2023-galli, -graph, -tungs, -antim, -raree_world.csv).
        Assert.Equal(540000, await ValueAsync(host, "commodity=gallium&stage=primary-production&country=CHN&year=2022&edition=usgs-mcs-2023"));
        Assert.Equal(850000, await ValueAsync(host, "commodity=graphite&country=CHN&year=2022&edition=usgs-mcs-2023"));
        Assert.Equal(1300000, await ValueAsync(host, "commodity=graphite&country=WLD&year=2022&edition=usgs-mcs-2023"));
        var antimony = Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/reserves?commodity=antimony&country=CHN&edition=usgs-mcs-2023")).Data);
        Assert.Equal((2022, (double?)350000.0), (antimony.Year, antimony.Value));
        Assert.Equal(210000, await ValueAsync(host, "country=CHN&year=2022&edition=usgs-mcs-2023"));
        // "Production in 2021 is also estimated." makes the 2021 column's figure an estimate; the note says no more.
        var tungsten = Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/production?commodity=tungsten&country=CHN&year=2021&edition=usgs-mcs-2023")).Data);
        Assert.Equal((ValueStatus.Estimated, (double?)71000.0, (string?)null), (tungsten.Status, tungsten.Value, tungsten.Note));
    }

    [Fact]
    public async Task A2024FileWithAnUnknownColumn_RejectsThatEdition_NamingTheFileAndColumn()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        ServeUsgs2024((file, bytes) => file == "mcs2024-galli_world.csv"
            ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Cap_kg_2023", "Capacity_kg_2023", StringComparison.Ordinal))
            : bytes);
        await using var host = await StartHostAsync(("Refresh:Usgs:Editions:usgs-mcs-2024:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2024:ItemId", "item2024"));
        var served = await ServedAsync(host, "usgs-mcs-2024");

        var (_, run) = await PostRefreshAsync(host, "usgs");

        var rejected = Assert.Single(run.Rejected);
        Assert.StartsWith("usgs-mcs-2024:", rejected);
        Assert.Contains("mcs2024-galli_world.csv: unknown column 'Capacity_kg_2023'", rejected);
        Assert.Equal(served, await ServedAsync(host, "usgs-mcs-2024"));
        Assert.Equal(Expected2026(), await ServedAsync(host, "usgs-mcs-2026"));
    }

    [Fact]
    public async Task ABadEdition_IsRejectedAndNamed_WhileTheOtherPublishes()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        ServeUsgs2025(McsFixtures.Real2025Zip(["MCS2025,Rare earths,Atlantis,\"Mine production, rare-earth-oxide equivalent\",metric tons,10,20,,,,,,"]));
        await using var host = await StartWithBothAsync();
        var served2025 = await ServedAsync(host, "usgs-mcs-2025");

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        var rejected = Assert.Single(run.Rejected);
        Assert.StartsWith("usgs-mcs-2025:", rejected);
        Assert.Contains("'Atlantis'", rejected);
        Assert.Contains("usgs-mcs-2025", run.Message);
        var entry = await CatalogEntryAsync(host, "production");
        Assert.StartsWith("refresh:usgs:", entry.PublishedBy);
        Assert.Contains("Atlantis", Assert.Single(entry.LastRefresh?.Rejected ?? []));
        // Nothing served is lost: the rejected edition keeps its rows, the other is the file's.
        Assert.Equal(served2025, await ServedAsync(host, "usgs-mcs-2025"));
        Assert.Equal(Expected2026(), await ServedAsync(host, "usgs-mcs-2026"));
    }

    [Fact]
    public async Task EveryEditionBad_FailsTheRun_AndPublishesNothing()
    {
        ServeUsgs2026(McsFixtures.Real2026(["RARE EARTHS,World Mine Production and Reserves,Rare Earths,Atlantis,Production,Mine production,metric tons,2025,\"1,000\",Estimated.,Yes,"]));
        ServeUsgs2025(McsFixtures.Real2025Zip(["MCS2025,Rare earths,China,\"Mine production, rare-earth-oxide equivalent\",metric tons,10,?20,,,,,,"]));
        await using var host = await StartWithBothAsync();
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        var message = run.Message!;
        Assert.Contains("'Atlantis'", message);
        Assert.Contains("MCS2025_World_Data.csv row 1252, column PROD_EST_ 2024: value '?20'", message);
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
    }

    /// <summary>Every served figure of an edition with a value the file printed as a number: (label, year, value).</summary>
    private static async Task<List<string>> ServedAsync(ApiHost host, string edition)
    {
        var figures = new List<string>();
        foreach (var dataset in new[] { "production", "reserves" })
        {
            var body = await host.Client.ReadEnvelope<ObservationJson>($"api/v1/{dataset}?commodity=all&edition={edition}&include_aggregates=true&limit=10000");
            Assert.True(body.Meta.Total < 10000);
            figures.AddRange(body.Data
                .Where(r => r.Status is ValueStatus.Reported or ValueStatus.Estimated)
                .Select(r => Figure(r.Source.Label, r.Year, Assert.IsType<double>(r.Value))));
        }

        figures.Sort(StringComparer.Ordinal);
        return figures;
    }

    private static string Figure(string label, int year, double value) =>
        $"{string.Join(' ', label.Split(' ', StringSplitOptions.RemoveEmptyEntries))}|{year}|{value.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>MCS 2026: every world-table row whose value is a plain nonzero number (the same row printed twice counts once).</summary>
    private static List<string> Expected2026()
    {
        var text = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(McsFixtures.Real("usgs-mcs-2026/MCS2026_Commodities_Data.csv"));
        var rows = Csv(text);
        var header = rows[0];
        int At(string name) => Array.IndexOf(header, name);
        return [.. rows.Skip(1)
            .Where(r => r[At("Section")].StartsWith("World", StringComparison.Ordinal) && PlainNumber().IsMatch(r[At("Value")].Trim()))
            .Where(r => Number(r[At("Value")]) != 0)
            .Select(r => string.Join("\u0001", r)).Distinct()
            .Select(line => line.Split('\u0001'))
            .Select(r => Figure(r[At("Country")], YearOf(r[At("Year")]), Number(r[At("Value")])))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>MCS 2025: every PROD_, CAP_ and RESERVES_ cell that is a plain nonzero number, save the reserves the file itself says are none.</summary>
    private static List<string> Expected2025()
    {
        var rows = Csv(Encoding.UTF8.GetString(McsFixtures.Real("usgs-mcs-2025/MCS2025_World_Data.csv")));
        var header = rows[0];
        var notReserves = rows.Skip(1).Where(r => r[12].Contains("not a reserve", StringComparison.Ordinal)).Select(r => r[1].Trim()).ToHashSet();
        var figures = new List<string>();
        foreach (var r in rows.Skip(1).DistinctBy(r => string.Join("\u0001", r)))
        {
            for (var i = 0; i < header.Length; i++)
            {
                var year = Regex.Match(header[i], @"^(PROD|CAP|RESERVES)_(EST_ ?)?(\d{4})$");
                if (year.Success && PlainNumber().IsMatch(r[i].Trim()) && Number(r[i]) != 0 && !(header[i].StartsWith("RESERVES", StringComparison.Ordinal) && notReserves.Contains(r[1].Trim())))
                {
                    figures.Add(Figure(r[2], int.Parse(year.Groups[3].Value, CultureInfo.InvariantCulture), Number(r[i])));
                }
            }
        }

        figures.Sort(StringComparer.Ordinal);
        return figures;
    }

    private static List<string> Expected2024() => ExpectedWorldFiles("usgs-mcs-2024", Files2024);

    /// <summary>
    /// MCS 2023 and 2024: every Prod_, Cap_ and Reserves_ cell of every world file that is a plain nonzero number, the
    /// year from the column name (reserves: the files' last year).
    /// </summary>
    private static List<string> ExpectedWorldFiles(string folder, IEnumerable<string> files)
    {
        var figures = new List<string>();
        foreach (var file in files.Where(f => f.EndsWith("_world.csv", StringComparison.OrdinalIgnoreCase)))
        {
            var rows = Csv(Encoding.UTF8.GetString(McsFixtures.Real(folder + "/" + file)).TrimStart('\uFEFF'));
            var header = rows[0];
            var values = header.Select((h, i) => (i, m: Regex.Match(h, @"^(Prod|Cap|Reserves)_(?!notes?$).*?(_(\d{4}))?$", RegexOptions.IgnoreCase))).Where(x => x.i > 2 && x.m.Success).ToList();
            var last = values.Where(v => v.m.Groups[3].Success).Max(v => int.Parse(v.m.Groups[3].Value, CultureInfo.InvariantCulture));
            foreach (var r in rows.Skip(1))
            {
                // "e3,900": the superscript e (estimated) before the number.
                foreach (var (i, m) in values.Where(v => v.i < r.Length && PlainNumber().IsMatch(r[v.i].Trim().TrimStart('e')) && Number(r[v.i].Trim().TrimStart('e')) != 0))
                {
                    figures.Add(Figure(r[1], m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : last, Number(r[i].Trim().TrimStart('e'))));
                }
            }
        }

        figures.Sort(StringComparer.Ordinal);
        return figures;
    }

    private static int YearOf(string text) =>
        Regex.Match(text, @"^(\d{2})(\d{2})\s*[–-]\s*(\d{2})$") is { Success: true } m ? int.Parse(m.Groups[1].Value + m.Groups[3].Value, CultureInfo.InvariantCulture) : int.Parse(text, CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static List<string[]> Csv(string text)
    {
        using var reader = new StringReader(text);
        using var csv = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    [GeneratedRegex(@"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$")]
    private static partial Regex PlainNumber();
}
