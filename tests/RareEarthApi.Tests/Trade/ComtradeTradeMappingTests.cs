using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Trade;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Trade;

/// <summary>Comtrade records as trade rows, and the merge into the served version, without any runtime.</summary>
public sealed class ComtradeTradeMappingTests
{
    private const string Edition = "un-comtrade-2026-11-29";
    private static readonly CountryCatalog Countries = SeedCatalogs.Countries;
    private static readonly CommodityCatalog Commodities = SeedCatalogs.Commodities;

    /// <summary>Japan's 2024 imports of rare-earth metals from China, CIF, as reported; override what a test is about.</summary>
    private static ComtradeRecord Record(
        int reporter = 392, int partner = 156, string flow = "M", string cmd = "280530", string period = "2024",
        double? netWgt = 1000, double? value = 50_000, double? cif = 50_000, double? fob = null, bool isReported = true,
        double? qty = null, string? qtyUnit = "kg", string? partnerDesc = null) =>
        new(reporter, null, partner, null, flow, cmd, period, "H6", netWgt, value, cif, fob, IsAggregate: false, isReported,
            Qty: qty ?? netWgt, QtyUnit: qtyUnit, IsNetWgtEstimated: false, IsQtyEstimated: true, ReporterDesc: null, PartnerDesc: partnerDesc);

    private static ComtradeMapping Map(params ComtradeRecord[] records) => ComtradeTradeMapping.Map(records, Countries, Commodities, Edition);

    private static TradeFlow Row(params ComtradeRecord[] records)
    {
        var mapped = Map(records);
        Assert.Empty(mapped.Problems);
        return Assert.Single(mapped.Rows);
    }

    [Fact]
    public void Import_MapsComtradeCodesToIso3_CifAsReported()
    {
        var row = Row(Record(reporter: 842, partner: 156));

        Assert.Equal(("USA", "CHN", "import", "280530", 2024), (row.Reporter, row.Partner, row.Flow, row.Hs, row.Year));
        Assert.Equal((50_000d, 1000d, false), (row.ValueUsd!.Value, row.NetWeightKg!.Value, row.NetWeightEstimated));
        Assert.Equal(("CIF", "as-reported", Edition), (row.Valuation, row.Basis, row.Edition));
        Assert.Equal(("United States", "China"), (row.ReporterLabel, row.PartnerLabel));
    }

    [Fact]
    public void Export_IsFob()
    {
        var row = Row(Record(reporter: 156, partner: 392, flow: "X", cif: null, fob: 50_000));

        Assert.Equal(("export", "FOB"), (row.Flow, row.Valuation));
    }

    [Fact]
    public void ImportValuedOnlyFob_SaysFob()
    {
        var row = Row(Record(cif: null, fob: 50_000));

        Assert.Equal("FOB", row.Valuation);
    }

    [Fact]
    public void PartnerZero_IsTheWorldAggregate_WithComtradesLabel()
    {
        var row = Row(Record(partner: 0, partnerDesc: "World"));

        Assert.Equal(("WLD", "World"), (row.Partner, row.PartnerLabel));
        Assert.True(Countries.ByIso3(row.Partner)!.IsAggregate);
    }

    [Fact]
    public void FourDigitHeading_KeepsItsLevel_AndSaysItIsTheSumOfItsSubheadings()
    {
        var row = Row(Record(cmd: "2846", isReported: false));

        Assert.Equal("2846", row.Hs);
        Assert.Equal("Reported at the 4-digit level: UN Comtrade's total of subheadings 284610 and 284690.", row.Note);
    }

    [Fact]
    public void NotIsReported_StaysTheReportersFlow_NotAMirror_AndSaysComtradeCompiledIt()
    {
        // The sample China file marks its own declarations isReported=false: a reporter's query never returns mirror flows.
        var row = Row(Record(cmd: "284690", isReported: false));

        Assert.Equal("as-reported", row.Basis);
        Assert.Contains("isReported=false", row.Note);
    }

    [Fact]
    public void ZeroNetWeight_WithQuantityInKg_TakesTheQuantity_Estimated()
    {
        var row = Row(Record(netWgt: 0, qty: 750, qtyUnit: "kg"));

        Assert.Equal((750d, true), (row.NetWeightKg!.Value, row.NetWeightEstimated));
        Assert.Contains("quantity in kg", row.Note);
    }

    [Fact]
    public void ZeroNetWeight_WithQuantityInItems_IsNoWeight()
    {
        var row = Row(Record(cmd: "850511", netWgt: 0, qty: 40, qtyUnit: "u"));

        Assert.Null(row.NetWeightKg);
        Assert.Equal(50_000, row.ValueUsd);
    }

    [Theory]
    [InlineData(9999, 156, "M", "280530", "2024", "reporter code 9999")]
    [InlineData(392, 9999, "M", "280530", "2024", "partner code 9999")]
    [InlineData(392, 156, "RX", "280530", "2024", "flow 'RX'")]
    [InlineData(392, 156, "M", "280540", "2024", "HS '280540'")]
    [InlineData(392, 156, "M", "280530", "202401", "period '202401'")]
    public void UnknownCode_IsAProblem_NotARow(int reporter, int partner, string flow, string cmd, string period, string expected)
    {
        var mapped = Map(Record(reporter: reporter, partner: partner, flow: flow, cmd: cmd, period: period), Record(partner: 704));

        var problem = Assert.Single(mapped.Problems);
        Assert.Contains(expected, problem.Message);
        Assert.Equal((reporter, period), (problem.ReporterCode, problem.Period));
        Assert.Equal("VNM", Assert.Single(mapped.Rows).Partner);
    }

    [Fact]
    public void WorldAsReporter_IsAProblem()
    {
        var mapped = Map(Record(reporter: 0));

        Assert.Contains("reporter code 0", Assert.Single(mapped.Problems).Message);
    }

    [Fact]
    public void NoValueAndNoWeight_IsAProblem()
    {
        var mapped = Map(Record(netWgt: null, value: null, cif: null, qty: 0));

        Assert.Contains("no value and no net weight", Assert.Single(mapped.Problems).Message);
    }

    [Fact]
    public void AreasNes_IsLeftOutWithItsLabel_NotAProblem()
    {
        var mapped = Map(Record(partner: 899, partnerDesc: "Areas, nes"), Record());

        Assert.Empty(mapped.Problems);
        Assert.Equal(["Areas, nes"], mapped.Skipped);
        Assert.Single(mapped.Rows);
    }

    [Fact]
    public void TwoRecordsForOneFlow_AreAProblem()
    {
        var mapped = Map(Record(), Record(value: 60_000));

        Assert.Contains("a second record for JPN import CHN HS 280530 2024", Assert.Single(mapped.Problems).Message);
    }

    [Fact]
    public void Edition_IsDatedByTheRetrieval()
    {
        var edition = ComtradeTradeMapping.Edition(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Equal("un-comtrade-2026-11-30", edition.Id);
        Assert.Equal(("un-comtrade", "United Nations Statistics Division", new DateOnly(2026, 11, 30)), (edition.SourceId, edition.Publisher, edition.Published));
        Assert.Equal("https://comtradeplus.un.org/", edition.Url);
    }

    [Fact]
    public void Merge_ReplacesOnlyTheCoveredReporterHsFlowYears_AndKeepsTheBundledSample()
    {
        var served = TradeDataset.Read(Countries, Commodities);
        var edition = ComtradeTradeMapping.Edition(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        // China's 2024 imports of 2846 refreshed with two partners; Japan's 2023 magnet imports are new.
        var fresh = Map(
            Record(reporter: 156, partner: 104, cmd: "2846", netWgt: 45_000_000, value: 800_000_000, cif: 800_000_000),
            Record(reporter: 156, partner: 0, cmd: "2846", netWgt: 78_000_000, value: 1_400_000_000, cif: 1_400_000_000),
            Record(reporter: 392, partner: 156, cmd: "850511", period: "2023")).Rows;

        var merged = ComtradeTradeMapping.Merge(served, fresh, edition);

        var chinaSample = served.Rows.Count(r => r is { Reporter: "CHN", Hs: "2846", Flow: "import", Year: 2024 });
        Assert.Equal(33, chinaSample);
        Assert.Equal(chinaSample, merged.Replaced);
        Assert.Equal(served.Rows.Count - chinaSample + 3, merged.Content.Rows.Count);
        Assert.Equal(45_000_000, merged.Content.Rows.Single(r => r is { Reporter: "CHN", Partner: "MMR", Hs: "2846", Year: 2024 }).NetWeightKg);
        Assert.Equal(
            served.Rows.Where(r => r.Hs == "850511").OrderBy(r => r.Reporter + r.Partner + r.Flow + r.Year).ToList(),
            merged.Content.Rows.Where(r => r.Hs == "850511" && r.Edition != edition.Id).OrderBy(r => r.Reporter + r.Partner + r.Flow + r.Year).ToList());
        Assert.Equal([.. served.Editions.Select(e => e.Id), edition.Id], merged.Content.Editions.Select(e => e.Id));
    }

    [Fact]
    public void Merge_DropsAnEditionNoRowCitesAnyMore_AndReplacesASameDayEdition()
    {
        var edition = ComtradeTradeMapping.Edition(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        var earlier = Map(Record()).Rows;
        var served = new DatasetContent<TradeFlow>(earlier, [edition with { Title = "older title" }, new SourceEdition("unused", "un-comtrade", "t", "p", default, null, null)]);

        var merged = ComtradeTradeMapping.Merge(served, Map(Record(value: 70_000)).Rows, edition);

        Assert.Equal(70_000, Assert.Single(merged.Content.Rows).ValueUsd);
        Assert.Equal(edition, Assert.Single(merged.Content.Editions));
    }
}
