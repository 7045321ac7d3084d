using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Refresh.Usitc;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Countries;

/// <summary>
/// Every country and area label the real source files print, and every Comtrade code in the China HS 2846 responses,
/// maps to a crosswalk row. The Comtrade codes are read from the bundled responses (Seed/raw/comtrade); the USGS and
/// USITC labels were extracted from the real files (Labels/README.md says which copies), until those ship too.
/// </summary>
public sealed class CountrySourceLabelTests
{
    private static readonly CountryCatalog Catalog = SeedCatalogs.Countries;

    private static string LabelFile(string name) => Path.Combine(RepoPaths.Root, "tests", "RareEarthApi.Tests", "Countries", "Labels", name);

    public static TheoryData<string> Sources() => new(
        CsvFiles.Read(LabelFile("source-labels.csv")).Select(r => r["source"]).Distinct());

    [Theory]
    [MemberData(nameof(Sources))]
    public void EveryLabelTheSourcePrints_MapsToItsRow_WithTheQualifierKept(string source)
    {
        var labels = CsvFiles.Read(LabelFile("source-labels.csv")).Where(r => r["source"] == source).ToList();
        Assert.NotEmpty(labels);
        var wrong = labels
            .Select(r => (Label: r["label"], Expected: (r["iso3"], r.Optional("qualifier")), Got: Catalog.ResolveSourceLabel(r["label"])))
            .Where(x => x.Got is null || (x.Got.Country.Iso3, x.Got.Qualifier) != x.Expected)
            .Select(x => $"'{x.Label}': expected {x.Expected}, got {(x.Got is null ? "no row" : $"({x.Got.Country.Iso3}, {x.Got.Qualifier})")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Every reporter and partner (code, ISO field, description) of the bundled real Comtrade responses.</summary>
    private static List<(int Code, string Iso, string Desc)> ComtradeAreas()
    {
        var folder = Path.Combine(RepoPaths.Root, "src", "RareEarthApi", "Seed", "raw", "comtrade", "CHN-M-2846");
        var years = Directory.GetFiles(folder, "*.json").Where(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out _)).ToList();
        Assert.Equal(32, years.Count);
        return years
            // Read as the Comtrade refresh reads a response (its wire type); a field it reads as absent fails here.
            .SelectMany(f => System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(f), ComtradeJson.Default.ComtradeJsonResponse)!.Data!)
            .SelectMany(r => new[] { (r!.ReporterCode, r.ReporterIso, r.ReporterDesc), (r.PartnerCode, r.PartnerIso, r.PartnerDesc) }.Select(a => (
                a.Item1!.Value, a.Item2!.Trim(), a.Item3!)))
            .Distinct()
            .ToList();
    }

    [Fact]
    public void EveryComtradeReporterAndPartnerCode_MapsToTheRowComtradeNames()
    {
        var codes = ComtradeAreas();
        Assert.Equal(61, codes.Count); // 60 partners and China, the reporter (also a partner: re-imports)
        foreach (var (code, iso, desc) in codes)
        {
            var row = Catalog.ByComtradeCode(code);
            Assert.True(row is not null, $"Comtrade code {code} ({desc}) has no crosswalk row.");

            // Comtrade's ISO field is the row's ISO3 or one of its labels (W00 is World, S19 Other Asia, nes; 58,
            // Belgium-Luxembourg, carries BEL), and its description resolves to the same row.
            Assert.True(row.Iso3 == iso || row.Aliases.Contains(iso) || code == 58, $"Comtrade code {code} ISO '{iso}' is not row {row.Iso3}.");
            Assert.Equal(row.Iso3, Catalog.ResolveSourceLabel(desc)?.Country.Iso3);
        }
    }

    [Theory]
    [InlineData("us_imports_for_consumption_1993-2026.xlsx")]
    [InlineData("us_domestic_exports_1993-2026.xlsx")]
    public void EveryUsitcDataWebCountry_InTheBundledWorkbooks_MapsToACountry(string file)
    {
        using var xlsx = File.OpenRead(Path.Combine(RepoPaths.Root, "src", "RareEarthApi", "Seed", "raw", "usitc", file));
        var names = UsitcDataWebParser.Parse(xlsx, file).Records.Select(r => r.Country).Distinct().ToList();
        Assert.True(names.Count >= 15, $"{names.Count} countries in {file}");
        var unmapped = names.Where(n => Catalog.ResolveSourceLabel(n) is not { Country.IsAggregate: false }).ToList();
        Assert.True(unmapped.Count == 0, "not mapped: " + string.Join(", ", unmapped));
        Assert.Equal("MMR", Catalog.ResolveSourceLabel("Myanmar (Burma)")?.Country.Iso3);
    }

    /// <summary>
    /// The older Comtrade partner list (code|name, Labels/README.md): where the crosswalk carries one of its codes, the
    /// list's name for it is a label of that row; so a code taken from it where it equals the row's M49 code names the
    /// country it says (492 is "Europe EU, nes" there, not Monaco's M49 492).
    /// </summary>
    [Fact]
    public void LegacyComtradePartnerList_NamesTheRowOfEachCodeTheCrosswalkCarries()
    {
        var entries = File.ReadAllLines(LabelFile("comtrade-legacy-partnerAreas.txt")).Where(l => l.Length > 0)
            .Select(l => l.Split('|', 2)).Select(p => (Code: int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), Name: p[1])).ToList();
        var carried = entries.Where(e => Catalog.ByComtradeCode(e.Code) is not null).ToList();
        Assert.True(carried.Count > 250, $"{carried.Count} codes of the list are in the crosswalk");
        var wrong = carried.Where(e => Catalog.ResolveSourceLabel(e.Name)?.Country != Catalog.ByComtradeCode(e.Code))
            .Select(e => $"{e.Code} {e.Name} → {Catalog.ByComtradeCode(e.Code)!.Iso3}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal("XEU", Catalog.ByComtradeCode(492)?.Iso3);
        Assert.Null(Catalog.ByIso3("MCO")!.ComtradeCode);
        Assert.Equal("ITA", Catalog.ByComtradeCode(380)?.Iso3);
        Assert.Null(Catalog.ByComtradeCode(381));
    }

    [Theory]
    [InlineData(0, "WLD")]
    [InlineData(490, "S19")]
    [InlineData(899, "XNS")]
    [InlineData(838, "XFZ")]
    [InlineData(58, "XBL")]
    [InlineData(711, "ZA1")]
    public void ComtradeAreas_AreAggregates_NotCountries(int code, string iso3)
    {
        var row = Catalog.ByComtradeCode(code);
        Assert.Equal(iso3, row?.Iso3);
        Assert.True(row!.IsAggregate);
    }

    [Theory]
    [InlineData("USSR", "SUN")]
    [InlineData("Fmr USSR", "SUN")]
    [InlineData("Fmr Yugoslavia", "YUG")]
    [InlineData("Czechoslovakia", "CSK")]
    [InlineData("Serbia and Montenegro", "SCG")]
    [InlineData("Netherlands Antilles", "ANT")]
    [InlineData("Fmr Dem. Rep. of Germany", "DDR")]
    [InlineData("Other Asia, nes", "S19")]
    [InlineData("Areas, nes", "XNS")]
    [InlineData("United States and Canada", "XUC")]
    public void HistoricalEntitiesAndAreas_AreAggregates(string label, string iso3)
    {
        var match = Catalog.ResolveSourceLabel(label);
        Assert.Equal(iso3, match?.Country.Iso3);
        Assert.True(match!.Country.IsAggregate);
    }

    [Theory]
    [InlineData("Brazil (beneficiated, marketable)", "BRA", "beneficiated, marketable")]
    [InlineData("World total (rounded) 10", "WLD", "rounded; footnote 10")]
    [InlineData("Peru 2", "PER", "footnote 2")]
    [InlineData("Chile (crude)3", "CHL", "crude; footnote 3")]
    [InlineData("  Russia  ", "RUS", null)]
    [InlineData("Korea, North", "PRK", null)]
    [InlineData("Congo (Kinshasa)", "COD", null)]
    [InlineData("Myanmar (Burma)", "MMR", null)]
    public void QualifiersAndFootnotes_MapToTheCountry_AndAreKept(string label, string iso3, string? qualifier)
    {
        var match = Catalog.ResolveSourceLabel(label);
        Assert.Equal((iso3, qualifier), (match?.Country.Iso3, match?.Qualifier));
    }

    [Theory]
    [InlineData("Atlantis")]
    [InlineData("Atlantis (crude)")]
    [InlineData("Atlantis 4")]
    [InlineData("China, Japan, and Atlantis")]
    [InlineData("Korea, Atlantis")]
    [InlineData("CHN")]
    [InlineData("")]
    public void UnknownLabels_AreNotGuessed(string label)
    {
        Assert.Null(Catalog.ResolveSourceLabel(label));
    }

    [Fact]
    public void UnknownLabel_FailsTheParse_NamingIt()
    {
        const string text = "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes\n"
            + "RARE EARTHS,World Mine Production and Reserves,Rare earths,Atlantis (beneficiated),Production,Mine production,metric tons,2024,\"1,000\",,Yes,\n"
            + "RARE EARTHS,World Mine Production and Reserves,Rare earths,Brazil (beneficiated),Production,Mine production,metric tons,2024,20,,Yes,\n";
        var result = UsgsMcsParser.Parse(text, "MCS2099_Commodities_Data.csv", "usgs-mcs-2099", Catalog, SeedCatalogs.CommodityNames);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("'Atlantis (beneficiated)'", problem);
        Assert.Contains(result.Rows, o => o.Country == "BRA" && o.SourceLabel == "Brazil (beneficiated)");
    }

    [Fact]
    public void NoLabelNamesTwoRows_AndCodesAreUnique()
    {
        var labels = Catalog.All.SelectMany(c => new[] { c.Name }.Concat(c.Aliases).Distinct().Select(l => (Label: l, c.Iso3)));
        var shared = labels.GroupBy(x => x.Label).Where(g => g.Select(x => x.Iso3).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.True(shared.Count == 0, "labels on two rows: " + string.Join(", ", shared));
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(c => c.Iso3).Distinct().Count());
        var comtrade = Catalog.All.Where(c => c.ComtradeCode is not null).ToList();
        Assert.Equal(comtrade.Count, comtrade.Select(c => c.ComtradeCode).Distinct().Count());
        var iso2 = Catalog.All.Where(c => c is { IsAggregate: false, Iso2: not null }).ToList();
        Assert.Equal(iso2.Count, iso2.Select(c => c.Iso2).Distinct().Count());
    }

    [Fact]
    public void EveryIsoCountry_HasAlpha2AndM49_ExceptTaiwan()
    {
        var countries = Catalog.All.Where(c => !c.IsAggregate).ToList();
        Assert.Equal(249, countries.Count);
        Assert.All(countries, c => Assert.Matches("^[A-Z]{2}$", c.Iso2));
        Assert.Equal(["TWN"], countries.Where(c => c.M49 is null).Select(c => c.Iso3));
        Assert.All(countries.Where(c => c.M49 is not null), c => Assert.Matches("^[0-9]{3}$", c.M49));
    }
}
