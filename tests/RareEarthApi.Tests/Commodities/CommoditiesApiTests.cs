using RareEarthApi.Production;
using RareEarthApi.Commodities;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Commodities;

[Collection(ApiCollection.Name)]
public sealed class CommoditiesApiTests(ApiFixture api)
{
    [Fact]
    public async Task RareEarths_HaveSeventeenElementsAndTheirHsCodes()
    {
        var body = await api.Client.ReadEnvelope<Commodity>("api/v1/commodities");

        var rareEarths = Assert.Single(body.Data, c => c.Id == "rare-earths");
        Assert.Equal(17, rareEarths.Elements.Count);
        var dy = Assert.Single(rareEarths.Elements, e => e.Symbol == "Dy");
        Assert.Equal("heavy", dy.Group);
        var hs = Assert.Single(rareEarths.HsCodes, h => h.Code == "284690");
        Assert.Equal("2846", hs.Parent);
        Assert.Contains("rare-earth", hs.Description);
    }

    [Fact]
    public async Task Csv_And304()
    {
        var rows = await api.Client.Csv("api/v1/commodities?format=csv");

        Assert.Contains("Nd:light", Assert.Single(rows, r => r["id"] == "rare-earths")["elements"]);
        await api.Client.AssertNotModifiedOnSecondAsk("api/v1/commodities");
    }

    [Fact]
    public async Task EveryServedCommodity_IsListed_WithItsNamesUnitsStagesEditionsAndCriticalFlag()
    {
        var body = await api.Client.ReadEnvelope<Commodity>("api/v1/commodities");
        var production = await api.Client.ReadEnvelope<ObservationJson>("api/v1/production?commodity=all&include_aggregates=true&limit=10000");
        var served = production.Data.Select(r => r.Commodity).ToHashSet();

        var listed = body.Data.Where(c => c.Figures is not null).Select(c => c.Id).ToHashSet();
        Assert.Superset(served, listed);
        Assert.True(listed.Count >= 90, $"{listed.Count} commodities listed with figures");
        var gallium = Assert.Single(body.Data, c => c.Id == "gallium").Figures!;
        Assert.Contains("kg", gallium.Units);
        Assert.Contains("primary-production", gallium.Stages);
        Assert.Equal(["usgs-mcs-2023", "usgs-mcs-2024", "usgs-mcs-2025", "usgs-mcs-2026"], gallium.Editions);
        Assert.True(gallium.Critical);
        var graphite = Assert.Single(body.Data, c => c.Id == "graphite-natural").Figures!;
        Assert.Contains("graphite", graphite.Aliases);
        Assert.Contains("Graphite (Natural)", graphite.UsgsNames);
    }

    [Fact]
    public async Task ACommodityWithUsStatisticsOnly_IsListed_WithTheEditionsOfItsUsFigures_AndNoWorldStages()
    {
        var body = await api.Client.ReadEnvelope<Commodity>("api/v1/commodities");
        var world = (await api.Client.ReadEnvelope<ObservationJson>("api/v1/production?commodity=all&include_aggregates=true&limit=10000")).Data
            .Select(r => r.Commodity)
            .Concat((await api.Client.ReadEnvelope<ObservationJson>("api/v1/reserves?commodity=all&include_aggregates=true&limit=10000")).Data.Select(r => r.Commodity))
            .ToHashSet();
        var usEditions = new Dictionary<string, SortedSet<string>>();
        foreach (var edition in new[] { "usgs-mcs-2023", "usgs-mcs-2024", "usgs-mcs-2026" })
        {
            for (string? page = $"api/v1/us-statistics?commodity=all&edition={edition}&limit=10000"; page is not null;)
            {
                var us = await api.Client.ReadEnvelope<RareEarthApi.UsStatistics.UsStatisticJson>(page);
                foreach (var row in us.Data)
                {
                    (usEditions.TryGetValue(row.Commodity, out var editions) ? editions : usEditions[row.Commodity] = new(StringComparer.Ordinal)).Add(edition);
                }

                page = us.Links.Next?.TrimStart('/');
            }
        }

        var usOnly = usEditions.Keys.Where(c => !world.Contains(c)).ToList();
        Assert.NotEmpty(usOnly);
        foreach (var id in usOnly)
        {
            var listed = Assert.Single(body.Data, c => c.Id == id);
            Assert.Equal(usEditions[id], listed.Figures!.Editions);
            Assert.Empty(listed.Figures.Stages);
            Assert.Contains("us-statistics", listed.Description);
        }
    }
}
