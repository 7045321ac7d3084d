using System.Net;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Datasets;

/// <summary>Storage goes away and comes back, with a real Azurite behind a proxy that the test cuts.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task ColdInstance_StorageDown_Is503WithRetryAfter_AndRecovers()
    {
        await using var proxy = new TcpProxy(10002);
        // Seed through the proxy while it is up, then cut it before the first read.
        proxy.Start();
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ViaTablePort(proxy.Port),
            ["Serving:VersionCheckSeconds"] = "0",
        });
        proxy.Stop();

        using var down = await host.Client.GetAsync("api/v1/production?country=CHN&year=2024");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(down.Headers.RetryAfter);
        var problem = await down.ReadWireAsync<Problem>();
        Assert.Equal("/api/problems/storage-unavailable", problem.Type);
        Assert.DoesNotContain(" at ", problem.Detail);

        using var health = await host.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.NotNull(health.Headers.RetryAfter);

        proxy.Start();
        using var up = await host.Client.GetAsync("api/v1/production?country=CHN&year=2024");
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(270000, Assert.Single((await up.ReadWireAsync<Envelope<ObservationJson>>()).Data).Value);
    }

    [Fact]
    public async Task WarmInstance_StorageDown_KeepsServingTheVersionItHolds()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        await using var host = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestStorage.ViaTablePort(proxy.Port),
            ["Serving:VersionCheckSeconds"] = "0",
        });
        using var warm = await host.Client.GetAsync("api/v1/production?country=CHN&year=2024");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        proxy.Stop();
        using var stillServed = await host.Client.GetAsync("api/v1/production?country=USA&year=2023");

        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        Assert.Equal(41600, Assert.Single((await stillServed.ReadWireAsync<Envelope<ObservationJson>>()).Data).Value);
    }
}
