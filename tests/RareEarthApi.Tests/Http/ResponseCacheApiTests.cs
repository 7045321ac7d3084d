using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;
using RareEarthApi.Trade;

namespace RareEarthApi.Tests.Http;

/// <summary>Over HTTP: a cached answer never outlives the data version it was made from, on every dataset route.</summary>
public sealed class ResponseCacheApiTests
{
    [Fact]
    public Task NewPublish_IsServedInPlaceOfTheCachedAnswer_AndTheOldETagNoLongerMatches() =>
        AssertNewVersionReplacesCachedAnswerAsync<ObservationJson>("api/v1/production?country=CHN&year=2024", r => r.Value, 270000, 123, store =>
        {
            var edition = new SourceEdition("usgs-mcs-2026", "usgs-mcs", "Mineral Commodity Summaries 2026", "U.S. Geological Survey", new DateOnly(2026, 2, 6), null, null);
            return store.PublishAsync("production", new DatasetContent<Observation>(
                [new("mine-production", "rare-earths", "CHN", "China", 2024, 123, "estimated", "t", "REO", null, "usgs-mcs-2026")], [edition]),
                new ObservationCodec(), "test", CancellationToken.None);
        });

    [Fact]
    public Task Trade_NewPublish_IsServedInPlaceOfTheCachedAnswer_AndTheOldETagNoLongerMatches() =>
        AssertNewVersionReplacesCachedAnswerAsync<TradeJson>("api/v1/trade?reporter=CHN&partner=MMR&flow=import&hs=2846&year=2024", r => r.NetWeightKg, 44365512, 123, store =>
        {
            var edition = new SourceEdition("un-comtrade-2027", "un-comtrade", "UN Comtrade Database (test)", "United Nations Statistics Division", new DateOnly(2027, 1, 5), null, null);
            return store.PublishAsync(TradeDataset.Name, new DatasetContent<TradeFlow>(
                [new("CHN", "China", "MMR", "Myanmar", TradeFlow.Import, "2846", 2024, 1000, 123, false, "CIF", TradeFlow.AsReported, null, "un-comtrade-2027")], [edition]),
                new TradeCodec(), "test", CancellationToken.None);
        });

    /// <summary>
    /// The route's answer is cached (held by the response cache; a 304 on its ETag); after <paramref name="publish"/> the same URL answers
    /// from the new version, under a new ETag, and the old ETag gets the new 200 rather than a 304.
    /// </summary>
    private static async Task AssertNewVersionReplacesCachedAnswerAsync<TRow>(
        string url, Func<TRow, double?> figure, double before, double after, Func<DatasetVersionStore, Task<DatasetPointer>> publish)
    {
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Serving:VersionCheckSeconds"] = "0" });
        using var first = await host.Client.GetAsync(url);
        var oldETag = first.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.NotModified, await StatusWithETagAsync(host, url, oldETag));
        using var again = await host.Client.GetAsync(url);
        Assert.Equal(before, figure(Assert.Single((await again.ReadWireAsync<Envelope<TRow>>()).Data)));
        Assert.True(host.App.Services.GetRequiredService<ResponseCache>().HeldBytes > 0, "the route's answer is in the response cache");

        var pointer = await publish(host.App.Services.GetRequiredService<DatasetVersionStore>());

        using var fresh = await host.Client.GetAsync(url);
        var body = await fresh.ReadWireAsync<Envelope<TRow>>();
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(pointer.Version, body.Meta.DataVersion);
        Assert.Equal(after, figure(Assert.Single(body.Data)));
        Assert.NotEqual(oldETag, fresh.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, await StatusWithETagAsync(host, url, oldETag));
    }

    private static async Task<HttpStatusCode> StatusWithETagAsync(ApiHost host, string url, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
