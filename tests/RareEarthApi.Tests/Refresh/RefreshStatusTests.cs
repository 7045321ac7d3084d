using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh;
using RareEarthApi.Storage;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>The catalog's refresh status comes from small run summaries held in memory, not from the runs table on every request.</summary>
public sealed class RefreshStatusTests : RefreshTestBase
{
    [Fact]
    public async Task Catalog_Warm_MakesNoStorageTransaction_AndShowsANewRunAfterTheInterval()
    {
        var counter = new TransactionCounter();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartHostAsync(b =>
            {
                b.Services.AddSingleton<TimeProvider>(time);
                b.Services.AddSingleton(_ => counter.Client(TestStorage.ConnectionString));
            },
            ("Serving:VersionCheckSeconds", "30"), ("Refresh:MaxRetries", "0"));
        using var cold = await host.Client.GetAsync("api/v1/datasets");
        var etag = cold.Headers.ETag;

        counter.Reset();
        var warm = await CatalogEntryAsync(host, "production");
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/datasets");
        request.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await host.Client.SendAsync(request);

        Assert.Equal(0, counter.Count);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Null(warm.LastRefresh);

        // Another instance records a run: this one shows it once the interval has passed.
        var elsewhere = new RefreshRunStore(new TableServiceClient(TestStorage.ConnectionString), Options.Create(new StorageOptions { TablePrefix = host.TablePrefix }));
        var started = time.GetUtcNow();
        await elsewhere.SaveAsync(new RefreshRun("elsewhere1", "usgs", "timer", started, started.AddSeconds(5), RefreshOutcome.Failed, 0, null,
            new string('x', 20000), ["production", "reserves"], []), CancellationToken.None);
        var within = await CatalogEntryAsync(host, "production");
        time.Advance(TimeSpan.FromSeconds(31));

        // The first request after the interval answers from what is held and starts the one background check.
        var after = (await CatalogEntryAsync(host, "production")).LastRefresh;
        for (var i = 0; i < 100 && after is null; i++)
        {
            await Task.Delay(50);
            after = (await CatalogEntryAsync(host, "production")).LastRefresh;
        }

        Assert.Null(within.LastRefresh);
        Assert.NotNull(after);
        Assert.Equal("elsewhere1", after.RunId);
        Assert.Equal(RefreshOutcome.Failed, after.Outcome);
        Assert.True(after.Message!.Length <= 1000, "The catalog shows a shortened message.");

        // A run of this instance shows at once.
        var (_, run) = await PostRefreshAsync(host, "usgs");
        var mine = Assert.IsType<DatasetRefresh>((await CatalogEntryAsync(host, "production")).LastRefresh);

        Assert.Equal(run.RunId, mine.RunId);
        Assert.Equal(run.Outcome, mine.Outcome);
    }
}
