using RareEarthApi.Refining;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refining;

[Collection(ApiCollection.Name)]
public sealed class RefiningApiTests(ApiFixture api)
{
    [Fact]
    public async Task China2023_Is92PercentFromOutlook2024_And2024Is91FromOutlook2025()
    {
        var body = await api.Client.ReadEnvelope<RefiningJson>("api/v1/refining?country=CN&scenario=actual");

        var y2023 = Assert.Single(body.Data, r => r.Year == 2023);
        Assert.Equal(92, y2023.Value);
        Assert.Equal("percent", y2023.Unit);
        Assert.Equal("iea-gcmo-2024", y2023.Source.Edition);
        var y2024 = Assert.Single(body.Data, r => r.Year == 2024);
        Assert.Equal(91, y2024.Value);
        Assert.Equal("iea-gcmo-2025", y2024.Source.Edition);
        Assert.Equal("CHN", body.Meta.Query["country"]);
    }

    [Fact]
    public async Task BaseCase2030_IsAProjectionWithItsOutlookYear_TopThreeOnlyWithAggregates()
    {
        var without = await api.Client.ReadEnvelope<RefiningJson>("api/v1/refining?year=2030&scenario=base-case");
        var with = await api.Client.ReadEnvelope<RefiningJson>("api/v1/refining?year=2030&scenario=base-case&include_aggregates=true&sort=-value");

        Assert.Equal(["AUS", "CHN", "MYS"], without.Data.Select(r => r.Country));
        Assert.All(without.Data, r => Assert.True(r.IsProjection));
        Assert.All(without.Data, r => Assert.Equal(2024, r.OutlookYear));
        var top3 = Assert.Single(with.Data, r => r.Country == "TOP3");
        Assert.Equal(92, top3.Value);
        Assert.Equal(["CHN", "MYS", "AUS"], top3.Members);
        Assert.Equal("TOP3", with.Data.First().Country);
    }

    [Fact]
    public async Task EditionById_AnswersFromThatEditionAlone()
    {
        var body = await api.Client.ReadEnvelope<RefiningJson>("api/v1/refining?edition=iea-gcmo-2025");

        Assert.Equal(91, Assert.Single(body.Data).Value);
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/refining?country=MYS&format=csv");

        Assert.Equal(["5", "12"], rows.Select(r => r["value"]));
        Assert.Equal("iea-gcmo-2024", rows[0]["edition"]);
        Assert.Contains("doi", rows[0].Keys); // the same provenance columns as every dataset's CSV
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/refining?country=MYS");
    }

    [Theory]
    [InlineData("scenario=worst-case", "scenario")]
    [InlineData("edition=iea-2023", "edition")]
    [InlineData("country=CHINA", "country")]
    [InlineData("start=2030&end=2023", "start")]
    public async Task BadInput_Is400NamingTheParameter(string query, string parameter) =>
        await api.Client.ProblemFor("api/v1/refining?" + query, parameter);

    [Fact]
    public async Task RegisteredCuratedParser_RejectsAShareOutside0To100()
    {
        var curated = Assert.Single(api.Host.App.Services.GetServices<ICuratedDataset>(), c => c.Dataset == "refining");
        var file = "edition,editionTitle,publisher,published,url,country,sourceLabel,members,year,scenario,value,unit,note\n"
            + "iea-gcmo-2024,Outlook 2024,IEA,2024-05-17,,CHN,China,,2023,actual,192,percent,\n";

        var parsed = curated.Parse(new MemoryStream(Encoding.UTF8.GetBytes(file)), "upload.csv");

        Assert.Contains(parsed.Problems, p => p.Contains("outside 0..100", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidDataException>(() => parsed.PublishAsync(api.Host.App.Services.GetRequiredService<DatasetVersionStore>(), "test", CancellationToken.None));
    }
}
