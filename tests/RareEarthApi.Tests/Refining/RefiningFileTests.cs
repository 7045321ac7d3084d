using System.Text;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refining;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refining;

public sealed class RefiningFileTests
{
    private const string Header = "edition,editionTitle,publisher,published,url,country,sourceLabel,members,year,scenario,value,unit,note\n";
    private const string Edition = "iea-gcmo-2024,Global Critical Minerals Outlook 2024,International Energy Agency,2024-05-17,https://www.iea.org/,";

    private static CountryCatalog Countries => SeedCatalogs.Countries;

    private static (DatasetContent<RefiningShare> Content, IReadOnlyList<string> Problems) Parse(string text) =>
        RefiningFile.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "upload.csv", Countries);

    [Fact]
    public void BundledSeed_ParsesWithoutProblems_AndNamesEveryRowsEdition()
    {
        using var stream = File.OpenRead(SeedFiles.Path("refining.csv"));
        var (content, problems) = RefiningFile.Parse(stream, "refining.csv", Countries);

        Assert.Empty(problems);
        Assert.Equal(92, Assert.Single(content.Rows, r => r.Country == "CHN" && r.Year == 2023).Value);
        Assert.All(content.Rows, r => Assert.Contains(content.Editions, e => e.Id == r.Edition));
        Assert.Equal(["iea-gcmo-2024", "iea-gcmo-2025"], content.Editions.Select(e => e.Id));
    }

    [Theory]
    [InlineData("120")]
    [InlineData("-1")]
    public void ShareOutside0To100_IsRejected(string value)
    {
        var (_, problems) = Parse(Header + Edition + $"CHN,China,,2023,actual,{value},percent,\n");

        Assert.Contains(problems, p => p.Contains("line 2", StringComparison.Ordinal) && p.Contains("outside 0..100", StringComparison.Ordinal));
    }

    [Fact]
    public void AFraction_IsRejected_UnitsAreNeverMixed()
    {
        var (_, problems) = Parse(Header + Edition + "CHN,China,,2023,actual,0.92,fraction,\n");

        Assert.Contains(problems, p => p.Contains("unit 'fraction'", StringComparison.Ordinal));
    }

    [Fact]
    public void AnActualShareAfterTheEditionsYear_IsRejected()
    {
        var (_, problems) = Parse(Header + Edition + "CHN,China,,2030,actual,77,percent,\n");

        Assert.Contains(problems, p => p.Contains("scenario", StringComparison.Ordinal));
    }

    [Fact]
    public void CountrySharesAbove100_AndUnknownCountries_AreRejected_AllAtOnce()
    {
        var (_, problems) = Parse(Header + Edition + "CHN,China,,2023,actual,92,percent,\n" + Edition + "MYS,Malaysia,,2023,actual,15,percent,\n" + Edition + "XXX,Nowhere,,2023,actual,1,percent,\n");

        Assert.Contains(problems, p => p.Contains("more than 100%", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 4", StringComparison.Ordinal) && p.Contains("'XXX'", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingColumns_AreNamed()
    {
        var (content, problems) = Parse("country,year,value\nCHN,2023,92\n");

        Assert.Empty(content.Rows);
        Assert.Contains(problems, p => p.Contains("missing column(s)", StringComparison.Ordinal) && p.Contains("edition", StringComparison.Ordinal));
    }
}
