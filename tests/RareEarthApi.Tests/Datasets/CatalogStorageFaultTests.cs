using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

/// <summary>
/// The catalog never blocks on storage: with the table or blob port refused or hung (connections accepted, nothing
/// answered), it answers from what the instance holds and says how current the refresh status is. Storage calls here
/// may take 30 s each (Storage:NetworkTimeoutSeconds), as in production with its retries; the bound asserted is far
/// below that and far above the few seconds a version check may wait. It checks that nothing waits on storage's own
/// timeout, not how fast the catalog is (that is the benchmarks' business).
/// </summary>
public sealed class CatalogStorageFaultTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);

    private static Dictionary<string, string?> Settings(string connectionString, string versionCheckSeconds) => new()
    {
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:NetworkTimeoutSeconds"] = "30",
        ["Serving:VersionCheckSeconds"] = versionCheckSeconds,
        ["Serving:VersionCheckTimeoutSeconds"] = "3",
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TableStorageHungOrRefused_WarmCatalog_AnswersFromWhatItHolds_MarkedOutdated(bool hung)
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        await using var host = await ApiHost.StartAsync(Settings(TestStorage.ViaTablePort(proxy.Port), "0"));
        var warm = Wire.Read<Envelope<DatasetInfo>>(await host.Client.OkJson("api/v1/datasets"));
        Assert.Equal(RefreshStatusState.Current, Production(warm).RefreshStatus);

        proxy.Stop();
        proxy.Hang = hung;
        if (hung)
        {
            proxy.Start();
        }

        // The status read before the outage counts as current for one check interval and one check timeout; then outdated.
        DatasetInfo? entry = null;
        for (var i = 0; i < 20; i++)
        {
            entry = Production(await BoundedOkAsync<Envelope<DatasetInfo>>(host, "api/v1/datasets"));
            if (entry.RefreshStatus == RefreshStatusState.Outdated)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.NotNull(entry);
        Assert.Equal(RefreshStatusState.Outdated, entry.RefreshStatus);
        Assert.NotNull(entry.RefreshStatusAsOf);
        Assert.True(entry.RefreshStatusAsOf <= DateTimeOffset.UtcNow);
        Assert.Equal(Production(warm).DataVersion, entry.DataVersion);
        Assert.False(entry.Stale);

        // A data route answers from the version it holds as well.
        var rows = await BoundedOkAsync<Envelope<ObservationJson>>(host, "api/v1/production?country=CHN&year=2024");
        Assert.Equal(270000, Assert.Single(rows.Data).Value);
    }

    [Fact]
    public async Task TableStorageHung_StatusNeverRead_CatalogSaysUnknown()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        await using var host = await ApiHost.StartAsync(Settings(TestStorage.ViaTablePort(proxy.Port), "3600"));

        // The datasets are held (as after data requests); the refresh status has never been read.
        foreach (var describer in host.App.Services.GetServices<IDatasetDescriber>())
        {
            await describer.DescribeAsync(CancellationToken.None);
        }

        proxy.Stop();
        proxy.Hang = true;
        proxy.Start();
        var entry = Production(await BoundedOkAsync<Envelope<DatasetInfo>>(host, "api/v1/datasets"));

        Assert.Equal(RefreshStatusState.Unknown, entry.RefreshStatus);
        Assert.Null(entry.Stale);
        Assert.Null(entry.LastRefresh);
    }

    [Fact]
    public async Task TableStorageHung_ColdInstance_Is503WithinTheCheckTimeout()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        await using var host = await ApiHost.StartAsync(Settings(TestStorage.ViaTablePort(proxy.Port), "0"));
        proxy.Stop();
        proxy.Hang = true;
        proxy.Start();

        using var bound = new CancellationTokenSource(Bound);
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.Client.GetAsync("api/v1/datasets", bound.Token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.StatusCode));
        Assert.All(answers, a => Assert.NotNull(a.Headers.RetryAfter));
        foreach (var a in answers)
        {
            a.Dispose();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BlobStorageHungOrRefused_CatalogAndDataAnswer(bool hung)
    {
        await using var proxy = new TcpProxy(10000);
        proxy.Hang = hung;
        if (hung)
        {
            proxy.Start();
        }

        await using var host = await ApiHost.StartAsync(Settings(TestStorage.ViaBlobPort(proxy.Port), "0"));

        var entry = Production(await BoundedOkAsync<Envelope<DatasetInfo>>(host, "api/v1/datasets"));
        var rows = await BoundedOkAsync<Envelope<ObservationJson>>(host, "api/v1/production?country=CHN&year=2024");

        Assert.Equal(RefreshStatusState.Current, entry.RefreshStatus);
        Assert.Equal(270000, Assert.Single(rows.Data).Value);
    }

    private static DatasetInfo Production(Envelope<DatasetInfo> catalog) => catalog.Data.Single(d => d.Name == "production");

    private static async Task<T> BoundedOkAsync<T>(ApiHost host, string url)
    {
        using var bound = new CancellationTokenSource(Bound);
        using var response = await host.Client.GetAsync(url, bound.Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadWireAsync<T>();
    }
}
