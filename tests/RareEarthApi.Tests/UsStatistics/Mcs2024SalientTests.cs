using System.Globalization;
using System.Net;
using RareEarthApi.Http;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Refresh;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.UsStatistics;

/// <summary>MCS 2024's wide salient-statistics files, each read with its metadata file, on the bundled real files.</summary>
public sealed class Mcs2024SalientTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Seed", "raw");

    /// <summary>The bundled salient files and the metadata files beside them, as the manifest lists them.</summary>
    internal static IReadOnlyList<string> SalientFiles { get; } = [.. UsgsBundledFiles.Manifest(Folder)
        .Where(f => f.Edition == "usgs-mcs-2024" && f.File.EndsWith("_salient.csv", StringComparison.OrdinalIgnoreCase)).Select(f => Path.GetFileName(f.File))];

    /// <summary>The edition's bundled metadata files, as the edition's parse is given them.</summary>
    internal static IReadOnlyList<(string Path, string Name)> Metas(string edition) => [.. UsgsBundledFiles.Manifest(Folder)
        .Where(f => f.Edition == edition && f.Role == UsgsBundledFiles.MetadataRole).Select(f => (Path.Combine(Folder, f.File), Path.GetFileName(f.File)))];

    internal static UsgsParseResult Parse(string name, string edition = "usgs-mcs-2024") =>
        UsgsMcsParser.ParseFile(Path.Combine(Folder, edition, name), name, edition, SeedCatalogs.Countries, SeedCatalogs.CommodityNames,
            UsgsSalientWide.MetaOf(name, Metas(edition), SeedCatalogs.CommodityNames));

    /// <summary>The file's cells as printed: (year, header, cell) for every filled value cell, read here with CsvHelper alone.</summary>
    internal static List<(int Year, string Column, string Cell)> Cells(string name, string edition = "usgs-mcs-2024")
    {
        using var reader = new StringReader(UsgsMcsParser.Decode(McsFixtures.Real(edition + "/" + name)));
        using var csv = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        csv.Read();
        var header = csv.Record!;
        var cells = new List<(int, string, string)>();
        while (csv.Read())
        {
            var r = csv.Record!;
            if (r.All(c => c.Trim().Length == 0))
            {
                continue;
            }

            var year = int.Parse(r[2], CultureInfo.InvariantCulture);
            for (var i = 3; i < r.Length && i < header.Length; i++)
            {
                if (header[i].Trim().Length > 0 && r[i].Trim().Length > 0)
                {
                    cells.Add((year, header[i], r[i].Trim()));
                }
            }
        }

        return cells;
    }

    [Fact]
    public void EveryBundledFile_ParsesWithItsMetadata_IntoOneRowPerFilledCell()
    {
        Assert.Equal(72, SalientFiles.Count);
        Assert.All(SalientFiles, name =>
        {
            var result = Parse(name);
            Assert.Empty(result.Problems);
            Assert.Empty(result.Rows);
            var cells = Cells(name);
            Assert.Equal(cells.Count, result.Us.Statistics.Count);
            // Row for row: each year's cells, as printed, in the file's order.
            Assert.Equal(cells.Select(c => (c.Year, c.Cell)), result.Us.Statistics.Select(s => (s.Year, s.Printed)));
            Assert.All(result.Us.Statistics, s => Assert.Contains(s.Statistic, UsStatisticKinds.All));
        });
    }

    [Fact]
    public void RareEarths_AreReadAsTheFilePrintsThem_WithTheIdsOfMcs2026()
    {
        var rows = Parse("mcs2024-raree_salient.csv").Us.Statistics;
        UsStatistic Row(string detail, int year) => Assert.Single(rows, r => r.Detail == detail && r.Year == year);

        Assert.All(rows, r => Assert.Equal(("rare-earths", "Rare Earths", "usgs-mcs-2024"), (r.Commodity, r.CommodityName, r.Edition)));
        var compounds = Row("Imports: Compounds", 2021);
        Assert.Equal(("imports", 7690.0, "metric tons", "reported"), (compounds.Statistic, compounds.Value, compounds.Unit, compounds.Status));
        Assert.Contains("Source: U.S. Census Bureau.", compounds.Note);
        var nd = Row("Price: Average, dollars per kilogram: Neodymium oxide, 99.5% minimum", 2022);
        Assert.Equal(("price", 134.0, "dollars per kilogram", "reported"), (nd.Statistic, nd.Value, nd.Unit, nd.Status));
        Assert.Equal("estimated", Row("Price: Average, dollars per kilogram: Neodymium oxide, 99.5% minimum", 2023).Status);
        var nir = Row("Net import reliance as a percentage of apparent consumption: Compounds and metals", 2023);
        Assert.Equal(("net-import-reliance", 95.0, "lower-bound", ">95"), (nir.Statistic, nir.Value, nir.Status, nir.Printed));
        var concentrates = Row("Net import reliance as a percentage of apparent consumption: Mineral concentrates", 2019);
        Assert.Equal((null, "not-applicable"), (concentrates.Value, concentrates.Status));
        Assert.StartsWith("Net exporter (E).", concentrates.Note);
        Assert.Equal(("consumption", 7900.0), (Row("Consumption: Apparent, compounds and metals", 2021).Statistic, Row("Consumption: Apparent, compounds and metals", 2021).Value));
        Assert.Equal(("employment", 450.0, "number"), (Row("Employment: Mine and mill, annual average, number", 2023).Statistic, Row("Employment: Mine and mill, annual average, number", 2023).Value, Row("Employment: Mine and mill, annual average, number", 2023).Unit));

        // Every statistic id MCS 2024 gives rare earths is one MCS 2026 gives them, for the same kind of figure.
        var mcs2026 = UsgsMcsParser.Parse(McsFixtures.Windows1252.GetString(McsFixtures.Real("usgs-mcs-2026/MCS2026_Commodities_Data.csv")), "MCS2026_Commodities_Data.csv", "usgs-mcs-2026",
            SeedCatalogs.Countries, SeedCatalogs.CommodityNames).Us.Statistics.Where(s => s.Commodity == "rare-earths").Select(s => s.Statistic).ToHashSet();
        Assert.Subset(mcs2026, rows.Select(r => r.Statistic).ToHashSet());
    }

    [Fact]
    public void Tokens_AndSignedFigures_KeepTheirMeaning()
    {
        // "Less than a half unit" (platinum-group metals, osmium imports 2019) is negligible; a stockpile's "−1" is
        // negative where the definition says "If negative, increase in inventory." (niobium 2021).
        var pgm = Parse("mcs2024-plati_salient.csv").Us.Statistics;
        var osmium = Assert.Single(pgm, r => r.Year == 2019 && r.Printed == "Less than a half unit");
        Assert.Equal(("imports", "negligible", (double?)null), (osmium.Statistic, osmium.Status, osmium.Value));
        Assert.Equal("platinum-group-metals", osmium.Commodity);

        var niobium = Parse("mcs2024-niobi_salient.csv").Us.Statistics;
        var shipments = Assert.Single(niobium, r => r.Year == 2021 && r.Statistic == "shipments");
        Assert.Equal(("−1", -1.0), (shipments.Printed, shipments.Value));
    }

    [Fact]
    public void AColumnTheMetadataDescribesAsAnotherStatistic_FailsTheFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var csv = Path.Combine(dir.FullName, "mcs2024-raree_salient.csv");
            // The real header with imports and exports swapped: the metadata says the sixth column is imports.
            var text = UsgsMcsParser.Decode(McsFixtures.Real("usgs-mcs-2024/mcs2024-raree_salient.csv"));
            File.WriteAllText(csv, text.Replace("Imports_Compounds_t", "Exports_Compounds_t", StringComparison.Ordinal));
            var meta = Metas("usgs-mcs-2024").Single(m => m.Name == "mcs2024-raree_meta.xml");
            var result = UsgsMcsParser.ParseFile(csv, "mcs2024-raree_salient.csv", "usgs-mcs-2024", SeedCatalogs.Countries, SeedCatalogs.CommodityNames, meta);

            Assert.Contains(result.Problems, p => p.Contains("'Exports_Compounds_t': the header names exports", StringComparison.Ordinal) && p.Contains("(imports)", StringComparison.Ordinal));
            Assert.Empty(result.Us.Statistics);
            Assert.Throws<InvalidDataException>(() => UsgsMcsParser.ParseFile(csv, "mcs2024-raree_salient.csv", "usgs-mcs-2024", SeedCatalogs.Countries, SeedCatalogs.CommodityNames));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}

/// <summary>MCS 2024's salient statistics as served, from the bundled seed in Azurite.</summary>
[Collection(ApiCollection.Name)]
public sealed class Mcs2024SalientApiTests(ApiFixture api)
{
    [Fact]
    public async Task RareEarths_ServeTheFilesFigures_RowForRow()
    {
        using var response = await api.Client.GetAsync("api/v1/us-statistics?commodity=rare-earths&edition=usgs-mcs-2024&limit=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = (await response.ReadWireAsync<Envelope<UsStatisticJson>>()).Data;

        var cells = Mcs2024SalientTests.Cells("mcs2024-raree_salient.csv");
        Assert.Equal(cells.Count, served.Count);
        var parsed = Mcs2024SalientTests.Parse("mcs2024-raree_salient.csv").Us.Statistics;
        var byKey = served.ToDictionary(r => (r.Detail, r.Year));
        foreach (var row in parsed)
        {
            var s = byKey[(row.Detail, row.Year)];
            Assert.Equal(row.Printed, s.Printed);
            Assert.Equal(row.Value, s.Value);
            Assert.Equal((row.Statistic, row.Unit, row.Status, "usgs-mcs-2024"), (WireEnum.Text(s.Statistic), s.Unit, s.Status, s.Source.Edition));
        }

        // The printed cells are the file's, each once.
        Assert.Equal(cells.Select(c => c.Cell).Order(StringComparer.Ordinal), served.Select(r => r.Printed).Order(StringComparer.Ordinal));
    }
}
