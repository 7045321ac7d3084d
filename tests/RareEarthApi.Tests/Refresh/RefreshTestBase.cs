using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>A fake source server per test, an API host pointed at it, and helpers to run refreshes and read what is served.</summary>
public abstract class RefreshTestBase : IAsyncLifetime
{
    protected const string Key = "test-key";
    protected const string File2026 = "MCS2026_Commodities_Data.csv";

    protected FakeSourceServer Server { get; private set; } = null!;

    protected string RawContainer { get; } = "raw" + Guid.NewGuid().ToString("N")[..12];

    public async Task InitializeAsync() => Server = await FakeSourceServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            await new BlobServiceClient(TestStorage.ConnectionString).DeleteBlobContainerAsync(RawContainer);
        }
        catch (Azure.RequestFailedException)
        {
            // Never created.
        }
    }

    /// <summary>Settings every host of a test class starts with.</summary>
    protected virtual IEnumerable<(string Key, string? Value)> ExtraSettings => [];

    protected Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:RawContainer"] = RawContainer,
            ["Serving:VersionCheckSeconds"] = "0",
            ["Refresh:Usgs:ItemUrlTemplate"] = Server.Url("/catalog/item/{itemId}?format=json"),
            ["Refresh:Usgs:Editions:usgs-mcs-2024:Enabled"] = "false",
            ["Refresh:Usgs:Editions:usgs-mcs-2025:Enabled"] = "false",
            ["Refresh:Usgs:Editions:usgs-mcs-2026:ItemId"] = "item2026",
            ["Refresh:MaxRetries"] = "3",
            ["Refresh:RetryDelayMilliseconds"] = "20",
            ["Refresh:AttemptTimeoutSeconds"] = "5",
            ["Refresh:Comtrade:BaseUrl"] = Server.BaseAddress,
            ["Refresh:Comtrade:MinIntervalMilliseconds"] = "0",
            ["Refresh:Comtrade:Reporters"] = "156",
            ["Refresh:Comtrade:HsCodes"] = "2846",
            ["Refresh:Comtrade:Flows"] = "M",
            ["Refresh:Comtrade:FirstYear"] = (DateTimeOffset.UtcNow.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in ExtraSettings.Concat(extra))
        {
            settings[key] = value;
        }

        return settings;
    }

    protected Task<ApiHost> StartHostAsync(params (string Key, string? Value)[] extra) => ApiHost.StartAsync(Settings(extra));

    protected Task<ApiHost> StartHostAsync(Action<WebApplicationBuilder> configure, params (string Key, string? Value)[] extra) =>
        ApiHost.StartAsync(Settings(extra), configure);

    /// <summary>ScienceBase: the MCS 2026 item lists one file, served as given.</summary>
    protected void ServeUsgs2026(byte[] file)
    {
        Server.ServeBytes("/catalog/item/item2026", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, File2026)), "application/json");
        Server.ServeBytes("/files/" + File2026, file);
    }

    /// <summary>POSTs a refresh and leaves the body unread: for a test that looks at the status alone, or at nothing.</summary>
    protected static async Task<HttpResponseMessage> SendRefreshAsync(ApiHost host, string source, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/admin/refresh/{source}");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await host.Client.SendAsync(request);
    }

    /// <summary>POSTs a refresh answered with its run record (200, 502, 422), read as the route's wire type.</summary>
    protected static async Task<(HttpResponseMessage Response, RefreshRun Run)> PostRefreshAsync(ApiHost host, string source, string? key = Key)
    {
        var response = await SendRefreshAsync(host, source, key);
        return (response, await response.ReadWireAsync<RefreshRun>());
    }

    /// <summary>POSTs a refresh answered with a problem (400, 401, 409, 503, 500), read as the API's problem type.</summary>
    protected static async Task<(HttpResponseMessage Response, Problem Problem)> PostRefreshForProblemAsync(ApiHost host, string source, string? key = Key)
    {
        var response = await SendRefreshAsync(host, source, key);
        return (response, await response.ReadWireAsync<Problem>());
    }

    /// <summary>
    /// Runs a timer as Core Tools' POST /admin/functions/{name} does. That is the host's admin endpoint, not the API,
    /// so it is called with a plain client (the API client checks every answer against the OpenAPI document).
    /// </summary>
    protected static async Task<HttpStatusCode> RunTimerAsync(ApiHost host, string name)
    {
        using var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", "test-key");
        using var response = await client.PostAsync($"admin/functions/{name}", new StringContent("{}", Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    /// <summary>The one production row the query selects: its value.</summary>
    protected static async Task<double?> ValueAsync(ApiHost host, string query) =>
        Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/production?" + query)).Data).Value;

    /// <summary>How many rows of the dataset (rows of <typeparamref name="TRow"/>) the query selects, aggregates included.</summary>
    protected static async Task<int> TotalAsync<TRow>(ApiHost host, string dataset, string query) =>
        (await host.Client.ReadEnvelope<TRow>($"api/v1/{dataset}?include_aggregates=true&limit=10000&{query}")).Meta.Total;

    /// <summary>The catalog's entry for the dataset.</summary>
    protected static async Task<DatasetInfo> CatalogEntryAsync(ApiHost host, string dataset) =>
        (await host.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets")).Data.Single(d => d.Name == dataset);

    /// <summary>Waits (bounded) until the fake source has been asked at the path.</summary>
    protected async Task WaitForHitAsync(string path)
    {
        for (var i = 0; i < 600 && Server.Hits(path) == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(Server.Hits(path) > 0, $"{path} was never requested.");
    }
}
