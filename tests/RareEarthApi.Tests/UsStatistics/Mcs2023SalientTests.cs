using System.Net;
using RareEarthApi.Http;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.UsStatistics;

/// <summary>
/// MCS 2023's wide salient-statistics files (2018–2022), each read with its own metadata file by the reader of MCS 2024's,
/// on the bundled real files; spot checks are cells read from the CSVs.
/// </summary>
public sealed class Mcs2023SalientTests
{
    private const string Edition = "usgs-mcs-2023";

    internal static IReadOnlyList<string> SalientFiles { get; } = [.. UsgsBundledFiles.Manifest(Path.Combine(AppContext.BaseDirectory, "Seed", "raw"))
        .Where(f => f.Edition == Edition && f.File.EndsWith("_salient.csv", StringComparison.OrdinalIgnoreCase)).Select(f => Path.GetFileName(f.File))];

    private static IReadOnlyList<UsStatistic> Rows(string name) => Mcs2024SalientTests.Parse(name, Edition).Us.Statistics;

    private static UsStatistic Cell(string name, int year, string detail) => Assert.Single(Rows(name), s => s.Year == year && s.Detail == detail);

    [Fact]
    public void EveryBundledFile_ParsesWithItsMetadata_IntoOneRowPerFilledCell()
    {
        // 83 CSV files in the release's salient folder, less the 6 no rule reads (README).
        Assert.Equal(77, SalientFiles.Count);
        Assert.All(SalientFiles, name =>
        {
            var result = Mcs2024SalientTests.Parse(name, Edition);
            Assert.Empty(result.Problems);
            Assert.Empty(result.Rows);
            var cells = Mcs2024SalientTests.Cells(name, Edition);
            Assert.Equal(cells.Count, result.Us.Statistics.Count);
            Assert.Equal(cells.Select(c => (c.Year, c.Cell)), result.Us.Statistics.Select(s => (s.Year, s.Printed)));
            Assert.All(result.Us.Statistics, s =>
            {
                Assert.Contains(s.Statistic, UsStatisticKinds.All);
                Assert.Equal(Edition, s.Edition);
                Assert.InRange(s.Year, 2018, 2022);
            });
        });
    }

    [Fact]
    public void RareEarths_AreReadAsTheFilePrintsThem()
    {
        const string File = "mcs2023-raree_salient.csv";
        Assert.All(Rows(File), r => Assert.Equal(("rare-earths", "Rare Earths"), (r.Commodity, r.CommodityName)));
        var compounds = Cell(File, 2022, "Imports: Compounds");
        Assert.Equal(("imports", 11000.0, "metric tons", "11000"), (compounds.Statistic, compounds.Value, compounds.Unit, compounds.Printed));
        Assert.Equal(10800.0, Cell(File, 2018, "Imports: Compounds").Value);
        var nir = Cell(File, 2022, "Net import reliance as a percentage of apparent consumption: Compounds and metals");
        Assert.Equal(("net-import-reliance", 95.0, "lower-bound", ">95", "percentage"), (nir.Statistic, nir.Value, nir.Status, nir.Printed, nir.Unit));
        Assert.Equal((100.0, "reported"), (Cell(File, 2018, "Net import reliance as a percentage of apparent consumption: Compounds and metals").Value,
            Cell(File, 2018, "Net import reliance as a percentage of apparent consumption: Compounds and metals").Status));
        Assert.Equal("not-applicable", Cell(File, 2020, "Net import reliance as a percentage of apparent consumption: Mineral concentrates").Status);
        var nd = Cell(File, 2022, "Price: Average, dollars per kilogram: Neodymium oxide, 99.5% minimum");
        Assert.Equal(("price", 130.0, "estimated", "dollars per kilogram"), (nd.Statistic, nd.Value, nd.Status, nd.Unit));
        Assert.Equal("reported", Cell(File, 2021, "Price: Average, dollars per kilogram: Neodymium oxide, 99.5% minimum").Status);
        Assert.Equal(("employment", 370.0), (Cell(File, 2022, "Employment: Mine and mill, annual average, number").Statistic, Cell(File, 2022, "Employment: Mine and mill, annual average, number").Value));
        // "Data are estimated for all years."
        Assert.Equal((43000.0, "estimated"), (Cell(File, 2022, "U.S. production: Mineral concentrates").Value, Cell(File, 2022, "U.S. production: Mineral concentrates").Status));
    }

    [Fact]
    public void FilesNamedOtherwiseThanTheirMetadata_AreReadWithIt_UnderTheIdsOfMcs2024()
    {
        // mcs2023tellu_salient.csv (no hyphen) with mcs2023-tellu_meta.xml.
        var tellurium = Cell("mcs2023tellu_salient.csv", 2018, "Imports for consumption");
        Assert.Equal(("tellurium", "imports", 192.0, "metric tons"), (tellurium.Commodity, tellurium.Statistic, tellurium.Value, tellurium.Unit));
        Assert.Equal("negligible", Cell("mcs2023tellu_salient.csv", 2020, "Exports").Status);

        // mcs2023-zirco-hafni_salient.csv with mcs2023-zirco_meta.xml; "<100,000" is an upper bound.
        var ore = Cell("mcs2023-zirco-hafni_salient.csv", 2018, "Exports: Zirconium ores and concentrates (ZrO2 content)");
        Assert.Equal(("zirconium", "exports", 77500.0, "metric tons, ZrO2 content"), (ore.Commodity, ore.Statistic, ore.Value, ore.Unit));
        var production = Cell("mcs2023-zirco-hafni_salient.csv", 2019, "U.S. production: Zirconium ores and concentrates (ZrO2 content)");
        Assert.Equal(("upper-bound", 100000.0), (production.Status, production.Value));

        // mcs2023-scandi_salient.csv with mcs2023-scand_meta.xml, mcs2023-thalli_salient.csv with mcs2023-thall_meta.xml.
        var oxide = Cell("mcs2023-scandi_salient.csv", 2019, "Price, yearend: Compounds, dollars per gram: Oxide, 99.99% purity, 5-kilogram lot size");
        Assert.Equal(("scandium", "price", 3.9, "dollars per gram"), (oxide.Commodity, oxide.Statistic, oxide.Value, oxide.Unit));
        var other = Cell("mcs2023-thalli_salient.csv", 2018, "Exports: Other articles");
        Assert.Equal(("thallium", "exports", 31400.0, "kilograms"), (other.Commodity, other.Statistic, other.Value, other.Unit));

        // The same commodities under the same ids in MCS 2024's files.
        Assert.All(new[] { ("mcs2024-tellu_salient.csv", "tellurium"), ("mcs2024-zirco_salient.csv", "zirconium"), ("mcs2024-scand_salient.csv", "scandium"), ("mcs2024-thall_salient.csv", "thallium") },
            f =>
            {
                if (Mcs2024SalientTests.SalientFiles.Contains(f.Item1))
                {
                    Assert.All(Mcs2024SalientTests.Parse(f.Item1).Us.Statistics, s => Assert.Equal(f.Item2, s.Commodity));
                }
            });
    }
}

/// <summary>MCS 2023's salient statistics as served, from the bundled seed in Azurite.</summary>
[Collection(ApiCollection.Name)]
public sealed class Mcs2023SalientApiTests(ApiFixture api)
{
    private async Task<IReadOnlyList<UsStatisticJson>> Get(string query)
    {
        using var response = await api.Client.GetAsync("api/v1/us-statistics?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadWireAsync<Envelope<UsStatisticJson>>()).Data;
    }

    [Fact]
    public async Task RareEarths_ServeTheFilesFigures_RowForRow()
    {
        var served = await Get("commodity=rare-earths&edition=usgs-mcs-2023&limit=1000");
        var parsed = Mcs2024SalientTests.Parse("mcs2023-raree_salient.csv", "usgs-mcs-2023").Us.Statistics;
        Assert.Equal(Mcs2024SalientTests.Cells("mcs2023-raree_salient.csv", "usgs-mcs-2023").Count, served.Count);
        var byKey = served.ToDictionary(r => (r.Detail, r.Year));
        foreach (var row in parsed)
        {
            var s = byKey[(row.Detail, row.Year)];
            Assert.Equal((row.Printed, row.Value, row.Statistic, row.Unit, row.Status, "usgs-mcs-2023"), (s.Printed, s.Value, WireEnum.Text(s.Statistic), s.Unit, s.Status, s.Source.Edition));
        }

        Assert.Equal(11000.0, byKey[("Imports: Compounds", 2022)].Value);
    }

    [Fact]
    public async Task Latest_PrefersTheNewerEdition_WhereBothPrintAFigure()
    {
        var mcs2023 = await Get("commodity=rare-earths&edition=usgs-mcs-2023&limit=1000");
        var mcs2024 = (await Get("commodity=rare-earths&edition=usgs-mcs-2024&limit=1000")).ToDictionary(r => (r.Statistic, r.Detail, r.Series, r.Year));
        var latest = (await Get("commodity=rare-earths&edition=latest&limit=5000")).ToDictionary(r => (r.Statistic, r.Detail, r.Series, r.Year));

        var overlapping = mcs2023.Where(r => mcs2024.ContainsKey((r.Statistic, r.Detail, r.Series, r.Year))).ToList();
        Assert.NotEmpty(overlapping);
        Assert.All(overlapping, r => Assert.NotEqual("usgs-mcs-2023", latest[(r.Statistic, r.Detail, r.Series, r.Year)].Source.Edition));
        // 2018 is in MCS 2023 alone among these: served from it.
        var only2023 = mcs2023.Where(r => r.Year == 2018).ToList();
        Assert.NotEmpty(only2023);
        Assert.All(only2023, r => Assert.Equal(("usgs-mcs-2023", r.Printed), (latest[(r.Statistic, r.Detail, r.Series, r.Year)].Source.Edition, latest[(r.Statistic, r.Detail, r.Series, r.Year)].Printed)));
    }
}
