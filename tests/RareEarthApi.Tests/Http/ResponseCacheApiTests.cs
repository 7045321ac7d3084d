using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>Over HTTP: a cached answer never outlives the data version it was made from.</summary>
public sealed class ResponseCacheApiTests
{
    [Fact]
    public async Task NewPublish_IsServedInPlaceOfTheCachedAnswer_AndTheOldETagNoLongerMatches()
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Serving:VersionCheckSeconds"] = "0" });
        const string url = "api/v1/production?country=CHN&year=2024";
        using var first = await host.Client.GetAsync(url);
        using var again = await host.Client.GetAsync(url);
        var oldETag = first.Headers.ETag!.Tag;
        Assert.Equal(270000, Assert.Single((await again.ReadJsonAsync()).Data()).GetProperty("value").GetDouble());

        var store = host.App.Services.GetRequiredService<DatasetVersionStore>();
        var edition = new SourceEdition("usgs-mcs-2026", "usgs-mcs", "Mineral Commodity Summaries 2026", "U.S. Geological Survey", new DateOnly(2026, 2, 6), null, null);
        var pointer = await store.PublishAsync("production", new DatasetContent<Observation>(
            [new("mine-production", "rare-earths", "CHN", "China", 2024, 123, "estimated", "t", "REO", null, "usgs-mcs-2026")], [edition]),
            new ObservationCodec(), "test", CancellationToken.None);

        using var after = await host.Client.GetAsync(url);
        var body = await after.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(pointer.Version, body.GetProperty("meta").GetProperty("dataVersion").GetString());
        Assert.Equal(123, Assert.Single(body.Data()).GetProperty("value").GetDouble());
        Assert.NotEqual(oldETag, after.Headers.ETag!.Tag);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", oldETag);
        using var conditional = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, conditional.StatusCode);
    }
}
