using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>
/// Curated files, uploaded or fetched, through a test-only <see cref="ICuratedDataset"/> that takes production rows
/// in the bundled seed's format (the real curated datasets, refining and restrictions, come from another branch).
/// </summary>
public sealed class CuratedRefreshTests : RefreshTestBase
{
    private static readonly string SeedObservations = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "observations.csv"));

    private const string China = "country=CHN&year=2021&edition=usgs-mcs-2022";

    /// <summary>
    /// An upload replaces the whole production dataset with the hand-entered file's rows: far fewer than the bundled
    /// release files give, which the row-drop check would refuse.
    /// </summary>
    protected override IEnumerable<(string Key, string? Value)> ExtraSettings => [("Refresh:MaxRowDropFraction", "1")];

    /// <summary>The bundled file with China's 2021 figure in MCS 2022 (a typed-in table) changed from 168,000 t to 169,000 t.</summary>
    private static string Revised()
    {
        const string line = "mine-production,rare-earths,China,CHN,2021,168000,estimated,t,REO,,usgs-mcs-2022";
        Assert.Contains(line, SeedObservations);
        return SeedObservations.Replace(line, line.Replace("168000", "169000", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>Uploads the content, answered with the run record (200, 422).</summary>
    private static async Task<(HttpResponseMessage Response, RefreshRun Run)> UploadAsync(ApiHost host, string dataset, string content)
    {
        var response = await SendUploadAsync(host, dataset, content);
        return (response, await response.ReadWireAsync<RefreshRun>());
    }

    /// <summary>Uploads the content, answered with a problem (400, 401, 409, 413, 503).</summary>
    private static async Task<(HttpResponseMessage Response, Problem Problem)> UploadForProblemAsync(ApiHost host, string dataset, string content, string? key = Key, bool chunked = false)
    {
        var response = await SendUploadAsync(host, dataset, content, key, chunked);
        return (response, await response.ReadWireAsync<Problem>());
    }

    /// <summary>Uploads the content with a Content-Length, or chunked (no length declared); the body is left unread.</summary>
    private static async Task<HttpResponseMessage> SendUploadAsync(ApiHost host, string dataset, string content, string? key = Key, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/admin/upload/{dataset}?name=observations.csv") { Content = new StringContent(content, Encoding.UTF8, "text/csv") };
        request.Headers.TransferEncodingChunked = chunked;
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task TimerOnDemand_WithoutTheKey_Is401_AndRunsNothing()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.Client.BaseAddress };

        using var response = await client.PostAsync("admin/functions/CuratedRefreshTimer", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var catalog = await host.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets");
        Assert.All(catalog.Data, d => Assert.Null(d.LastRefresh));
    }

    [Fact]
    public async Task Upload_ValidFile_IsPublishedAndServed()
    {
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<ICuratedDataset>(sp => new SeedFormatProduction(sp.GetRequiredService<CountryCatalog>(), null)));

        var (response, run) = await UploadAsync(host, "production", Revised());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.Equal("upload", run.Trigger);
        Assert.Equal(169000, await ValueAsync(host, China));
        Assert.Equal("curated", (await CatalogEntryAsync(host, "production")).LastRefresh?.Source);
    }

    [Fact]
    public async Task Upload_BadFile_IsRejected_AndThePreviousDataIsServed()
    {
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<ICuratedDataset>(sp => new SeedFormatProduction(sp.GetRequiredService<CountryCatalog>(), null)));
        var negative = Revised().Replace(",169000,", ",-169000,", StringComparison.Ordinal);

        var (_, run) = await UploadAsync(host, "production", negative);
        using var noKey = await SendUploadAsync(host, "production", Revised(), key: null);
        var (unknown, problem) = await UploadForProblemAsync(host, "no-such-dataset", Revised());

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("negative value", run.Message);
        Assert.Equal(168000, await ValueAsync(host, China));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("dataset", (problem.Errors ?? [])[0].Parameter);
    }

    [Fact]
    public async Task CuratedTimer_FetchesTheConfiguredUrl_AndPublishesIt()
    {
        // The refining dataset's own bundled file, with China's 2023 share typed as 93 instead of 92.
        var refining = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "refining.csv"));
        const string line = ",CHN,China,,2023,actual,92,percent,";
        Assert.Contains(line, refining);
        Server.ServeBytes("/curated/refining.csv", Encoding.UTF8.GetBytes(refining.Replace(line, line.Replace(",92,", ",93,", StringComparison.Ordinal), StringComparison.Ordinal)));
        await using var host = await StartHostAsync(("Refresh:Curated:RefiningUrl", Server.Url("/curated/refining.csv")));
        var version = (await CatalogEntryAsync(host, "refining")).DataVersion;

        var timer = await RunTimerAsync(host, "CuratedRefreshTimer");

        Assert.Equal(HttpStatusCode.Accepted, timer);
        Assert.Equal(1, Server.Hits("/curated/refining.csv"));
        var entry = await CatalogEntryAsync(host, "refining");
        Assert.NotEqual(version, entry.DataVersion);
        Assert.Equal(RefreshOutcome.Succeeded, entry.LastRefresh?.Outcome);
        var tables = new TableServiceClient(TestStorage.ConnectionString);
        var pointer = await tables.GetTableClient(host.TablePrefix + "datasets").GetEntityAsync<TableEntity>("refining", "current");
        Assert.StartsWith("refresh:curated:", pointer.Value.GetString("PublishedBy"));
    }

    [Fact]
    public async Task StorageStoppedMidPublish_OldVersionServed_AndTheNextRunCompletes()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        var writes = 0;
        var cut = true;
        await using var host = await ApiHost.StartAsync(
            Settings(("Storage:ConnectionString", TestStorage.ViaTablePort(proxy.Port)), ("Storage:NetworkTimeoutSeconds", "3")),
            b => b.Services.AddSingleton<ICuratedDataset>(sp => new SeedFormatProduction(sp.GetRequiredService<CountryCatalog>(), () =>
            {
                // Half way through the rows of the new version, the storage emulator goes away.
                if (cut && Interlocked.Increment(ref writes) == 150)
                {
                    proxy.Stop();
                }
            })));
        Assert.Equal(168000, await ValueAsync(host, China));
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (response, failed) = await UploadForProblemAsync(host, "production", Revised());
        proxy.Start();
        cut = false;

        // Storage stopped the run: a 503 problem naming the run, never a 200.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("/api/problems/storage-unavailable", failed.Type);
        Assert.Contains("failed: Storage", failed.Detail);
        await AssertUnpublished_AndTheNextUploadSucceedsAsync(host, version);
    }

    [Fact]
    public async Task Upload_LeaseLostMidRun_IsFailed_AndTheServedDataIsUnchanged()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lease = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient(RawContainer).GetBlobClient("locks/refresh-curated").GetBlobLeaseClient();
        var writes = 0;
        await using var host = await StartHostAsync(b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            b.Services.AddSingleton<ICuratedDataset>(sp => new SeedFormatProduction(sp.GetRequiredService<CountryCatalog>(), () =>
            {
                // While the rows are written, someone breaks the lease and a lease period passes without a renewal.
                if (Interlocked.Increment(ref writes) == 1)
                {
                    lease.Break(TimeSpan.Zero);
                    time.Advance(TimeSpan.FromSeconds(61));
                }
            }));
        });
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (response, problem) = await UploadForProblemAsync(host, "production", Revised());

        // A lost lease is a conflict with whoever holds it now: a 409 problem naming the run.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("lost the refresh lock", problem.Detail);
        await AssertUnpublished_AndTheNextUploadSucceedsAsync(host, version);
    }

    [Fact]
    public async Task Upload_ForADatasetWithAConfiguredUrl_Is409_AndPublishesNothing()
    {
        Server.ServeBytes("/curated/refining.csv", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Seed", "refining.csv")));
        await using var host = await StartHostAsync(("Refresh:Curated:RefiningUrl", Server.Url("/curated/refining.csv")));
        var version = (await CatalogEntryAsync(host, "refining")).DataVersion;

        var (response, problem) = await UploadForProblemAsync(host, "refining", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "refining.csv")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("/api/problems/conflict", problem.Type);
        Assert.Contains("source of truth", problem.Detail);
        var entry = await CatalogEntryAsync(host, "refining");
        Assert.Equal(version, entry.DataVersion);
        Assert.Null(entry.LastRefresh);
    }

    [Fact]
    public async Task Upload_LargerThanMaxUploadMegabytes_Is413_WithOrWithoutContentLength_AndPublishesNothing()
    {
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<ICuratedDataset>(sp => new SeedFormatProduction(sp.GetRequiredService<CountryCatalog>(), null)),
            ("Refresh:MaxUploadMegabytes", "1"));
        var large = Revised() + new string('#', 1024 * 1024);

        var (declared, problem) = await UploadForProblemAsync(host, "production", large);
        using var streamed = await SendUploadAsync(host, "production", large, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal("/api/problems/payload-too-large", problem.Type);
        Assert.Contains("Refresh:MaxUploadMegabytes (1 MB)", problem.Detail);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal(168000, await ValueAsync(host, China));
        Assert.Equal(RefreshOutcome.Failed, (await CatalogEntryAsync(host, "production")).LastRefresh?.Outcome);
    }

    /// <summary>The run failed and the version before it is still served; the next upload of the revised file is published.</summary>
    private static async Task AssertUnpublished_AndTheNextUploadSucceedsAsync(ApiHost host, string? version)
    {
        Assert.Equal(168000, await ValueAsync(host, China));
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);

        var (_, next) = await UploadAsync(host, "production", Revised());

        Assert.Equal(RefreshOutcome.Succeeded, next.Outcome);
        Assert.Equal(169000, await ValueAsync(host, China));
    }

    /// <summary>Production rows in the seed format (Seed/observations.csv), validated as strictly as the seed; a hook sees each row written.</summary>
    private sealed class SeedFormatProduction(CountryCatalog countries, Action? onWrite) : ICuratedDataset
    {
        private const string Name = "production";

        public string Dataset => Name;

        public ParsedDataset Parse(Stream content, string fileName)
        {
            using var editionsReader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Seed", "editions.csv"));
            var editions = SourceEditions.Read(editionsReader, "editions.csv");
            using var reader = new StreamReader(content);
            IReadOnlyList<Observation> rows;
            try
            {
                rows = ObservationSeed.ReadObservations(reader, fileName, countries, editions).Where(r => r.Measure == "mine-production").ToList();
            }
            catch (InvalidDataException e)
            {
                return new ParsedDataset(Name, 0, [e.Message], (_, _, _) => throw new InvalidOperationException("not publishable"));
            }

            var used = editions.Where(e => rows.Any(r => r.Edition == e.Id)).ToList();
            return new ParsedDataset(Name, rows.Count, [], (store, by, ct) =>
                store.WriteVersionAsync(Name, new DatasetContent<Observation>(rows, used), new HookedCodec(onWrite), by, ct));
        }

        private sealed class HookedCodec(Action? onWrite) : IRowCodec<Observation>
        {
            private readonly ObservationCodec _inner = new();

            public string Shard(Observation row) => _inner.Shard(row);

            public string RowKey(Observation row) => _inner.RowKey(row);

            public void Write(Observation row, TableEntity entity)
            {
                onWrite?.Invoke();
                _inner.Write(row, entity);
            }

            public Observation Read(TableEntity entity) => _inner.Read(entity);
        }
    }
}
