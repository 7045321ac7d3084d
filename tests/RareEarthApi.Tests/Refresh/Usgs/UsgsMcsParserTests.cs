using System.Text;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;

using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh.Usgs;

/// <summary>The three MCS formats, typed here a handful of rows each, with the quirks the real files have.</summary>
public sealed class UsgsMcsParserTests
{
    private const string Long2026 = """
        MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes
        RARE EARTHS,Salient Statistics—United States,Rare Earths,United States,Production,Production: Mineral concentrates,metric tons,2021,"42,400",Estimated.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent, unless otherwise specified)"
        RARE EARTHS,Import Sources,Rare Earths,China,Import sources,Share,percent,2021–24,71,,Yes,
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,United States,Production,Mine production,metric tons,2024,"45,500",Reported.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent, unless otherwise specified)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,China,Production,Mine production,metric tons,2024,"270,000",Estimated. -- Production quota; does not include undocumented production.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent, unless otherwise specified)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,Canada,Production,Mine production,metric tons,2024,—,,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,World total,Production,Mine production: rounded,metric tons,2024,"380,000",Estimated.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,Burma,Reserves,Reserves,metric tons,2025,NA,See Appendix C for resource and reserve definitions.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,World total,Reserves,Reserves: rounded,metric tons,2025,">85,000,000",See Appendix C for resource and reserve definitions.,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent)"
        RARE EARTHS,World Mine Production and Reserves,Rare Earths,India,Reserves,Reserves,metric tons,2025,W,,Yes,"(Data in metric tons, rare-earth-oxide (REO) equivalent)"
        COPPER,World Mine Production and Reserves,Copper,Chile,Production,Mine production: contained copper,thousand metric tons,2025,"5,300",Estimated.,Yes,
        COPPER,World Mine Production and Reserves,Copper,Peru,Production,Mine production: contained copper,thousand metric tons,2021–24,XX,,Yes,
        GRAPHITE,World Mine Production and Reserves,Graphite,Brazil,Production,Mine production,metric tons,2025,E,,Yes,
        GRAPHITE,World Mine Production and Reserves,Graphite,Madagascar,Reserves,Reserves,metric tons,2025,Large,,Yes,
        """;

    private static UsgsParseResult ParseBytes(byte[] bytes, string edition = "usgs-mcs-2026", string file = "test.csv") =>
        UsgsMcsParser.Parse(UsgsMcsParser.Decode(bytes), file, edition, SeedCatalogs.Countries, SeedCatalogs.CommodityNames);

    private static Observation Find(UsgsParseResult result, string measure, string commodity, string country, int year) =>
        Assert.Single(result.Rows, r => r.Measure == measure && r.Commodity == commodity && r.Country == country && r.Year == year);

    [Fact]
    public void Long2026_InWindows1252_KeepsTokensAsStatus_AndParsesEveryCommodity()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Long2026);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var result = ParseBytes(bytes);

        Assert.Empty(result.Problems);
        Assert.Equal(["mcs-long (2026)"], result.Formats);
        var china = Find(result, "mine-production", "rare-earths", "CHN", 2024);
        Assert.Equal(270000, china.Value);
        Assert.Equal("estimated", china.Status);
        Assert.Equal("Production quota; does not include undocumented production.", china.Note);
        Assert.Equal("REO", china.Basis);
        Assert.Equal("t", china.Unit);
        Assert.Equal("reported", Find(result, "mine-production", "rare-earths", "USA", 2024).Status);
        Assert.Equal(("zero", 0d), (Find(result, "mine-production", "rare-earths", "CAN", 2024).Status, Find(result, "mine-production", "rare-earths", "CAN", 2024).Value!.Value));
        Assert.Equal(380000, Find(result, "mine-production", "rare-earths", "WLD", 2024).Value);
        Assert.Equal(("not-available", (double?)null), (Find(result, "reserves", "rare-earths", "MMR", 2025).Status, Find(result, "reserves", "rare-earths", "MMR", 2025).Value));
        Assert.Null(Find(result, "reserves", "rare-earths", "MMR", 2025).Note);
        var world = Find(result, "reserves", "rare-earths", "WLD", 2025);
        Assert.Equal(("lower-bound", 85000000d), (world.Status, world.Value!.Value));
        Assert.Equal("withheld", Find(result, "reserves", "rare-earths", "IND", 2025).Status);
        var copper = Find(result, "mine-production", "copper", "CHL", 2025);
        Assert.Equal((5300d, "kt", "contained copper"), (copper.Value!.Value, copper.Unit, copper.Basis));
        var period = Find(result, "mine-production", "copper", "PER", 2024);
        Assert.Equal("not-applicable", period.Status);
        Assert.Contains("2021–24", period.Note);
        Assert.Equal("not-applicable", Find(result, "mine-production", "graphite-natural", "BRA", 2025).Status);
        Assert.Contains("Net exporter", Find(result, "mine-production", "graphite-natural", "BRA", 2025).Note);
        Assert.Contains("Large", Find(result, "reserves", "graphite-natural", "MDG", 2025).Note);
        Assert.DoesNotContain(result.Rows, r => r.Year == 2021);
    }

    [Fact]
    public void Wide2025_SpacedHeader_TrailingSpaces_EmptyCellsAndNotesTokens()
    {
        const string file = """
            SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES
            MCS2025,Rare earths,United States,"Mine production, rare-earth-oxide equivalent",metric tons,41600,45000,,,,,1900000,
            MCS2025,Rare earths,Burma,"Mine production, rare-earth-oxide equivalent",metric tons,43000,31000,"Estimated based on reported import data for China.",,,,,NA
            MCS2025,Rare earths,Canada ,"Mine production, rare-earth-oxide equivalent",metric tons,,,,,,,830000,
            MCS2025,Rare earths,Other Countries,"Mine production, rare-earth-oxide equivalent",metric tons,1440,1100,,,,,,NA
            MCS2025,Rare earths,World total (rounded),"Mine production, rare-earth-oxide equivalent",metric tons,376000,390000,,,,,>90000000,
            MCS2025,Lithium,Australia,"Mine production, lithium content",metric tons,86000,88000,,,,,7000000,
            MCS2025,Copper,Chile,Refinery production,thousand metric tons,2000,2100,,,,,,
            """;

        var result = ParseBytes(Encoding.UTF8.GetBytes(file), "usgs-mcs-2025");

        Assert.Empty(result.Problems);
        Assert.Equal(["mcs-wide-all (2025)"], result.Formats);
        Assert.Equal(("reported", 41600d), (Find(result, "mine-production", "rare-earths", "USA", 2023).Status, Find(result, "mine-production", "rare-earths", "USA", 2023).Value!.Value));
        Assert.Equal("estimated", Find(result, "mine-production", "rare-earths", "USA", 2024).Status);
        Assert.Equal("Canada", Find(result, "mine-production", "rare-earths", "CAN", 2024).SourceLabel);
        Assert.Equal("zero", Find(result, "mine-production", "rare-earths", "CAN", 2024).Status);
        Assert.Equal("not-available", Find(result, "reserves", "rare-earths", "MMR", 2024).Status);
        Assert.Equal("lower-bound", Find(result, "reserves", "rare-earths", "WLD", 2024).Status);
        Assert.Equal(1100, Find(result, "mine-production", "rare-earths", "OTH", 2024).Value);
        Assert.Equal(("lithium content", 88000d), (Find(result, "mine-production", "lithium", "AUS", 2024).Basis, Find(result, "mine-production", "lithium", "AUS", 2024).Value!.Value));
        // Every stage is read, and says which it is.
        Assert.Equal((ObservationStage.RefineryProduction, 2100d, "kt"), (Find(result, "mine-production", "copper", "CHL", 2024).Stage, Find(result, "mine-production", "copper", "CHL", 2024).Value!.Value, Find(result, "mine-production", "copper", "CHL", 2024).Unit));
    }

    [Fact]
    public void Long2026_RangesBoundsAndSmallTokens_AreKept_AndAnUnreadableToken_NamesFileRowColumnAndToken()
    {
        const string file = """
            MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes
            GALLIUM,World Production and Capacity,Gallium,China,Capacity,Production capacity,kilograms,2025,"10,000 - 15,000",Estimated.,Yes,
            GALLIUM,World Production and Capacity,Gallium,Japan,Capacity,Production capacity,kilograms,2025,15–25,,Yes,
            GALLIUM,World Production and Capacity,Gallium,Russia,Production,Primary production,kilograms,2025,"<200,000",,Yes,
            VERMICULITE,World Mine Production and Reserves,Vermiculite,Mexico,Production,Mine production,thousand metric tons,2025,s,Less than ½ unit.,No,
            """;

        var result = ParseBytes(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(file));

        Assert.Empty(result.Problems);
        var range = Assert.Single(result.Rows, r => r.Country == "CHN");
        Assert.Equal((ObservationStatus.Range, (double?)null, 10000d, 15000d, ObservationStage.ProductionCapacity), (range.Status, range.Value, range.Low!.Value, range.High!.Value, range.Stage));
        Assert.Equal((15d, 25d), (Assert.Single(result.Rows, r => r.Country == "JPN").Low!.Value, Assert.Single(result.Rows, r => r.Country == "JPN").High!.Value));
        var bound = Assert.Single(result.Rows, r => r.Country == "RUS");
        Assert.Equal((ObservationStatus.UpperBound, 200000d, ObservationStage.PrimaryProduction, "kg"), (bound.Status, bound.Value!.Value, bound.Stage, bound.Unit));
        Assert.Equal(ObservationStatus.Negligible, Assert.Single(result.Rows, r => r.Country == "MEX").Status);

        var bad = ParseBytes(Encoding.UTF8.GetBytes(file.Replace("15–25", "?1", StringComparison.Ordinal)));
        var problem = Assert.Single(bad.Problems);
        Assert.Contains("test.csv row 3, column Value", problem);
        Assert.Contains("'?1'", problem);
    }

    [Fact]
    public void WideCommodity2024_YearsFromColumnNames_ReservesAsOfTheLastYear()
    {
        const string file = """
            Source,Country,Type,Prod_t_est_2022,Prod_t_est_2023,Prod_notes,Reserves_t,Reserves_notes
            MCS2024,China,"Rare earths, mine production, rare-earth-oxide equivalent, metric tons",210000,240000,Production quota; does not include undocumented production.,44000000,
            MCS2024,Burma,"Rare earths, mine production, rare-earth-oxide equivalent, metric tons",12000,38000,,NA,
            MCS2024,Canada,"Rare earths, mine production, rare-earth-oxide equivalent, metric tons",0,0,,830000,
            MCS2024,World total (rounded),"Rare earths, mine production, rare-earth-oxide equivalent, metric tons",300000,350000,,110000000,
            """;

        var result = ParseBytes(Encoding.UTF8.GetBytes(file), "usgs-mcs-2024", "mcs2024-raree_world.csv");

        Assert.Empty(result.Problems);
        Assert.Equal(["mcs-wide-commodity (2024)"], result.Formats);
        Assert.Equal(240000, Find(result, "mine-production", "rare-earths", "CHN", 2023).Value);
        Assert.Equal("estimated", Find(result, "mine-production", "rare-earths", "CHN", 2022).Status);
        Assert.Equal(44000000, Find(result, "reserves", "rare-earths", "CHN", 2023).Value);
        Assert.Equal("not-available", Find(result, "reserves", "rare-earths", "MMR", 2023).Status);
        Assert.Equal("zero", Find(result, "mine-production", "rare-earths", "CAN", 2022).Status);
        Assert.Equal(8, result.Rows.Count(r => r.Measure == "mine-production"));
    }

    [Fact]
    public void UnknownHeader_Throws_NamingTheHeaderAndTheKnownFormats()
    {
        var e = Assert.Throws<InvalidDataException>(() => ParseBytes(Encoding.UTF8.GetBytes("Country,Year,Tonnes\nChina,2025,270000\n")));

        Assert.Contains("unknown header 'Country,Year,Tonnes'", e.Message);
        Assert.Contains("Refusing to guess", e.Message);
    }

    [Fact]
    public void UnknownCountryLabel_IsAProblem_AndTheRowIsNotGuessed()
    {
        var file = Long2026 + "\nRARE EARTHS,World Mine Production and Reserves,Rare Earths,Republic of Nowhere,Production,Mine production,metric tons,2025,\"1,000\",Estimated.,Yes,\n";

        var result = ParseBytes(Encoding.UTF8.GetBytes(file));

        var problem = Assert.Single(result.Problems);
        Assert.Contains("'Republic of Nowhere'", problem);
        Assert.DoesNotContain(result.Rows, r => r.SourceLabel == "Republic of Nowhere");
    }

    [Fact]
    public void Check_FindsNegativeValuesDuplicatesAndMissingValues()
    {
        Observation Row(double? value, string status) => new("mine-production", "rare-earths", "CHN", "China", 2025, value, status, "t", "REO", null, "usgs-mcs-2026");

        var problems = UsgsMcsParser.Check([Row(-1, "estimated"), Row(5, "estimated"), Row(null, "estimated")]);

        Assert.Contains(problems, p => p.Contains("negative value", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("duplicate row", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no value", StringComparison.Ordinal));
    }
}
