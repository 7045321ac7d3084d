using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Refresh;
using RareEarthApi.Tests.Support;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Tests.UsStatistics;

/// <summary>
/// The MCS 2024 salient files served by the matching rules of UsgsSalientWide (a header naming what the metadata's label
/// does not, a header and a label naming different statistics, a label split at its capitals, a bound in the cell's own
/// unit), spot-checked on the bundled real files against cells read from the CSVs, and the same rules refusing what
/// they must not read.
/// </summary>
public sealed class Mcs2024SalientRulesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Seed", "raw", "usgs-mcs-2024");

    private static UsStatistic Cell(string file, int year, string detail) =>
        Assert.Single(Mcs2024SalientTests.Parse(file).Us.Statistics, s => s.Year == year && s.Detail == detail);

    [Fact]
    public void Copper_PostConsumerScrap_IsProduction_AsTheFilesHeaderNamesIt()
    {
        // mcs2024-coppe_salient.csv: header USprod_Post-consumer_kt, metadata label Recycled_Post-consumer_kt; 2022 prints "e150".
        var scrap = Cell("mcs2024-coppe_salient.csv", 2022, "Copper recovered from old (post-consumer) scrap");
        Assert.Equal(("copper", "production", 150.0, "estimated", "e150", "thousand metric tons"), (scrap.Commodity, scrap.Statistic, scrap.Value, scrap.Status, scrap.Printed, scrap.Unit));
        Assert.Equal(166.0, Cell("mcs2024-coppe_salient.csv", 2019, "Copper recovered from old (post-consumer) scrap").Value);
        var mine = Cell("mcs2024-coppe_salient.csv", 2019, "U.S. production: Mine, recoverable copper content");
        Assert.Equal(("production", 1260.0, "reported"), (mine.Statistic, mine.Value, mine.Status));
        Assert.Equal(37.0, Cell("mcs2024-coppe_salient.csv", 2019, "Net import reliance as a percentage of apparent consumption").Value);
    }

    [Fact]
    public void Diamond_LessThan500Carats_IsAnUpperBound_InMillionCarats()
    {
        var exports2019 = Cell("mcs2024-diamo_salient.csv", 2019, "Stones, natural and synthetic: Exports");
        Assert.Equal(("diamond-industrial", "exports", 0.0005, "upper-bound", "Million carats"), (exports2019.Commodity, exports2019.Statistic, exports2019.Value, exports2019.Status, exports2019.Unit));
        Assert.Equal("Less than 500\u00a0carats.", exports2019.Printed);
        Assert.StartsWith("Less than 500 carats: an upper bound, 0.0005 Million carats", exports2019.Note);
        Assert.Equal((0.02, "reported"), (Cell("mcs2024-diamo_salient.csv", 2020, "Stones, natural and synthetic: Exports").Value, Cell("mcs2024-diamo_salient.csv", 2020, "Stones, natural and synthetic: Exports").Status));
        Assert.Equal(306.0, Cell("mcs2024-diamo_salient.csv", 2019, "Bort, grit, and dust and powder; natural and synthetic: Imports for consumption").Value);
    }

    [Fact]
    public void IronOxidePigments_CamelCaseLabels_NameTheirStatistics()
    {
        // Both headers print "CASE STATEMENT ERRORt"; the labels are USprodCrude_t and SoldFinished_t.
        var sold = Cell("mcs2024-fepig_salient.csv", 2021, "Sold or used: Finished natural and synthetic IOPs");
        Assert.Equal(("iron-oxide-pigments", "sold-or-used", 26900.0, "metric tons"), (sold.Commodity, sold.Statistic, sold.Value, sold.Unit));
        var crude = Cell("mcs2024-fepig_salient.csv", 2019, "Mine production: Crude");
        Assert.Equal(("production", "withheld", (double?)null), (crude.Statistic, crude.Status, crude.Value));
    }

    [Fact]
    public void HeaderAndLabelNamingDifferentStatistics_TakeTheHeadersWhereTheMetadataNamesItToo()
    {
        // Peat: Sales_Sales_kt over USprod_Sales_kt, "Sales by producers".
        var sales = Cell("mcs2024-peat_salient.csv", 2020, "Sales by producers");
        Assert.Equal(("peat", "sales", 388.0), (sales.Commodity, sales.Statistic, sales.Value));
        Assert.Equal(("production", 354.0), (Cell("mcs2024-peat_salient.csv", 2020, "U.S. production").Statistic, Cell("mcs2024-peat_salient.csv", 2020, "U.S. production").Value));

        // Phosphate rock: Sold_Usedkt over USprod_Sold_Used_kt, "Sold or used by producers".
        var phosphate = Cell("mcs2024-phosp_salient.csv", 2019, "Sold or used by producers");
        Assert.Equal(("phosphate-rock", "sold-or-used", 23400.0), (phosphate.Commodity, phosphate.Statistic, phosphate.Value));
        Assert.Equal(23300.0, Cell("mcs2024-phosp_salient.csv", 2019, "U.S. production: Marketable").Value);

        // Industrial sand: Sold_kt over USprod_kt, "U.S. production: Sold or used."; 2023 is the most recent year, estimated.
        var sand = Cell("mcs2024-sandi_salient.csv", 2023, "U.S. production: Sold or used");
        Assert.Equal(("sand-and-gravel-industrial", "sold-or-used", 130000.0, "estimated"), (sand.Commodity, sand.Statistic, sand.Value, sand.Status));
        var nir = Cell("mcs2024-sandi_salient.csv", 2021, "Net import reliance as a percentage of apparent consumption");
        Assert.Equal(("E", "not-applicable"), (nir.Printed, nir.Status));
    }

    [Theory]
    // The header names stocks, which neither the label (USprod_Sales_kt) nor "Sales by producers" names.
    [InlineData("mcs2024-peat_salient.csv", "Sales_Sales_kt", "Stocks_Sales_kt", null, null, "'Stocks_Sales_kt': the header names stocks")]
    // Imports and exports swapped in the header: each is the metadata's label of the other column.
    [InlineData("mcs2024-peat_salient.csv", "Imports_kt,Exports_kt", "Exports_kt,Imports_kt", null, null, "gives that label to column 7; the header and the definitions are shifted")]
    // A label naming exports defined as imports.
    [InlineData("mcs2024-peat_salient.csv", null, null, "<attrdef>Exports. Data", "<attrdef>Imports for consumption. Data", "labels it 'Exports_kt' (exports) but defines it as imports")]
    // A header naming no statistic over a label naming none: copper's scrap column has no statistic left.
    [InlineData("mcs2024-coppe_salient.csv", "USprod_Post-consumer_kt", "Post-consumer_kt", null, null, "'Recycled_Post-consumer_kt': 'Copper recovered from old (post-consumer) scrap.")]
    // A bound in a unit the column's is not a thousand or million of.
    [InlineData("mcs2024-diamo_salient.csv", "Less than 500\u00a0carats.", "Less than 500 tons.", null, null, "row 2, column Stones_Exports_mct: value 'Less than 500 tons.'")]
    public void WhatTheRulesCannotRead_FailsTheFile(string file, string? csvFrom, string? csvTo, string? metaFrom, string? metaTo, string problem)
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var metaName = file.Replace("_salient.csv", "_meta.xml", StringComparison.Ordinal);
            var csv = UsgsMcsParser.Decode(File.ReadAllBytes(Path.Combine(Folder, file)));
            var meta = UsgsMcsParser.Decode(File.ReadAllBytes(Path.Combine(Folder, metaName)));
            if (csvFrom is not null)
            {
                Assert.Contains(csvFrom, csv, StringComparison.Ordinal);
                csv = csv.Replace(csvFrom, csvTo, StringComparison.Ordinal);
            }

            if (metaFrom is not null)
            {
                Assert.Contains(metaFrom, meta, StringComparison.Ordinal);
                meta = meta.Replace(metaFrom, metaTo, StringComparison.Ordinal);
            }

            File.WriteAllText(Path.Combine(dir.FullName, file), csv);
            File.WriteAllText(Path.Combine(dir.FullName, metaName), meta);
            var result = UsgsMcsParser.ParseFile(Path.Combine(dir.FullName, file), file, "usgs-mcs-2024", SeedCatalogs.Countries, SeedCatalogs.CommodityNames,
                (Path.Combine(dir.FullName, metaName), metaName));

            // A problem rejects the edition; a column that cannot be matched also leaves the file's figures unread.
            Assert.Contains(result.Problems, p => p.Contains(problem, StringComparison.Ordinal));
            if (!problem.StartsWith("row ", StringComparison.Ordinal))
            {
                Assert.Empty(result.Us.Statistics);
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void TheUnchangedFiles_ParseWithoutProblems()
    {
        // The control for the theory above: the same files, unedited, read cleanly.
        foreach (var file in new[] { "mcs2024-peat_salient.csv", "mcs2024-coppe_salient.csv", "mcs2024-diamo_salient.csv", "mcs2024-fepig_salient.csv", "mcs2024-phosp_salient.csv", "mcs2024-sandi_salient.csv" })
        {
            var result = Mcs2024SalientTests.Parse(file);
            Assert.Empty(result.Problems);
            Assert.Equal(Mcs2024SalientTests.Cells(file).Count, result.Us.Statistics.Count);
        }
    }
}
