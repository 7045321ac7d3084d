using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>The USGS refresh over HTTP, against a loopback ScienceBase serving files in the real MCS formats.</summary>
public sealed class UsgsRefreshTests : RefreshTestBase
{
    [Fact]
    public async Task UsgsTimer_NewFile_PublishesIt_KeepsOtherEditions_ArchivesRaw_AndCatalogShowsTheRun()
    {
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file);
        await using var host = await StartHostAsync();
        var before = await CatalogEntryAsync(host, "production");
        var mybRows = await TotalAsync(host, "production", "edition=usgs-myb-2022");
        var ds140Rows = await TotalAsync(host, "production", "edition=usgs-ds140-2020");

        var timer = await RunTimerAsync(host, "UsgsRefreshTimer");

        Assert.Equal(HttpStatusCode.Accepted, timer);
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        Assert.Equal(380000, await ValueAsync(host, "country=WLD&year=2024"));
        Assert.Equal(mybRows, await TotalAsync(host, "production", "edition=usgs-myb-2022"));
        Assert.Equal(ds140Rows, await TotalAsync(host, "production", "edition=usgs-ds140-2020"));
        Assert.Equal(390000, await ValueAsync(host, "country=WLD&year=2024&edition=usgs-mcs-2025"));

        var after = await CatalogEntryAsync(host, "production");
        Assert.NotEqual(before.GetProperty("dataVersion").GetString(), after.GetProperty("dataVersion").GetString());
        Assert.Equal("succeeded", after.GetProperty("lastRefresh").GetProperty("outcome").GetString());
        Assert.Equal("usgs", after.GetProperty("lastRefresh").GetProperty("source").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, after.GetProperty("lastSuccess").ValueKind);
        Assert.False(after.GetProperty("stale").GetBoolean());
        Assert.Equal("succeeded", (await CatalogEntryAsync(host, "reserves")).GetProperty("lastRefresh").GetProperty("outcome").GetString());

        var sha = Convert.ToHexStringLower(SHA256.HashData(file));
        var today = DateTimeOffset.UtcNow;
        var blob = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient(RawContainer)
            .GetBlobClient($"usgs/{today:yyyy}/{today:MM}/{today:dd}/{sha}.csv");
        var properties = await blob.GetPropertiesAsync();
        Assert.Equal(file.Length, properties.Value.ContentLength);
        Assert.Contains(File2026, Uri.UnescapeDataString(properties.Value.Metadata["url"]));
        Assert.True(properties.Value.Metadata.ContainsKey("retrievedat"));
    }

    [Fact]
    public async Task UsgsAdmin_AllThreeFormats_PublishesEachEdition()
    {
        var files2024 = new[] { "mcs2024-raree_world.csv", "mcs2024-raree_salient.csv" };
        Server.ServeBytes("/catalog/item/item2024", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, files2024)), "application/json");
        Server.ServeBytes("/files/mcs2024-raree_world.csv", McsFixtures.WideCommodity2024(McsFixtures.Seed("usgs-mcs-2024")));
        Server.ServeBytes("/catalog/item/item2025", Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, "World_Data_Release_MCS_2025.zip", "MCS2025_Salient.csv")), "application/json");
        Server.ServeBytes("/files/World_Data_Release_MCS_2025.zip", McsFixtures.Real2025Zip(), "application/zip");
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync(
            ("Refresh:Usgs:Editions:usgs-mcs-2024:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2024:ItemId", "item2024"),
            ("Refresh:Usgs:Editions:usgs-mcs-2025:Enabled", "true"), ("Refresh:Usgs:Editions:usgs-mcs-2025:ItemId", "item2025"));

        var (response, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", run.GetProperty("outcome").GetString());
        Assert.Equal(3, run.GetProperty("files").GetArrayLength());
        Assert.Equal(0, Server.Hits("/files/mcs2024-raree_salient.csv"));
        Assert.Equal(350000, await ValueAsync(host, "country=WLD&year=2023&edition=usgs-mcs-2024"));
        Assert.Equal(390000, await ValueAsync(host, "country=WLD&year=2024&edition=usgs-mcs-2025"));
        Assert.Equal(0, await ValueAsync(host, "country=CAN&year=2024&edition=usgs-mcs-2025"));
        var reserves = await GetJsonAsync(host, "api/v1/reserves?country=WLD&edition=usgs-mcs-2025");
        var world = Assert.Single(reserves.Data());
        Assert.Equal("lower-bound", world.GetProperty("status").GetString());
        Assert.Equal(90000000, world.GetProperty("value").GetDouble());
        var burma = Assert.Single((await GetJsonAsync(host, "api/v1/reserves?country=MMR&edition=usgs-mcs-2025")).Data());
        Assert.Equal("not-available", burma.GetProperty("status").GetString());
        Assert.Equal(McsFixtures.Seed("usgs-mcs-2024").Count(r => r.Measure == "mine-production"), await TotalAsync(host, "production", "edition=usgs-mcs-2024"));
    }

    [Fact]
    public async Task UsgsAdmin_SameFilesAgain_IsUnchanged_AndPublishesNothing()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync();
        var (_, first) = await PostRefreshAsync(host, "usgs");
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();

        var (response, second) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", first.GetProperty("outcome").GetString());
        Assert.Equal("unchanged", second.GetProperty("outcome").GetString());
        Assert.Equal(first.GetProperty("hash").GetString(), second.GetProperty("hash").GetString());
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString());
        Assert.Equal("unchanged", (await CatalogEntryAsync(host, "production")).GetProperty("lastRefresh").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Usgs_Source500sThenRecovers_RetriesAndPublishes()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        var item = Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, File2026));
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500), FakeSourceServer.Status(503), FakeSourceServer.Bytes(item, "application/json"));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("succeeded", run.GetProperty("outcome").GetString());
        Assert.Equal(3, Server.Hits("/catalog/item/item2026"));
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
    }

    [Fact]
    public async Task Usgs_SourceKeepsFailing_FailsAndKeepsServingThePreviousData()
    {
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));
        await using var host = await StartHostAsync(("Refresh:MaxRetries", "2"));
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("500", run.GetProperty("message").GetString());
        Assert.Equal(3, Server.Hits("/catalog/item/item2026"));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        var entry = await CatalogEntryAsync(host, "production");
        Assert.Equal(version, entry.GetProperty("dataVersion").GetString());
        Assert.Equal("failed", entry.GetProperty("lastRefresh").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Usgs_SourceHangsPastTheTimeout_FailsAndKeepsServingThePreviousData()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        Server.Serve("/files/" + File2026, FakeSourceServer.Hang);
        await using var host = await StartHostAsync(("Refresh:AttemptTimeoutSeconds", "1"), ("Refresh:MaxRetries", "1"));
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("did not answer in time", run.GetProperty("message").GetString());
        Assert.Equal(2, Server.Hits("/files/" + File2026));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString());
    }

    [Fact]
    public async Task Usgs_DownloadTimeoutShorterThanTheAttemptTimeout_BoundsTheDownload_OnTheHostClock()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        Server.Serve("/files/" + File2026, FakeSourceServer.Hang);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time),
            ("Refresh:DownloadTimeoutSeconds", "30"), ("Refresh:AttemptTimeoutSeconds", "600"), ("Refresh:MaxRetries", "0"));
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();

        var refresh = PostRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.False(refresh.IsCompleted, "the download was stopped before Refresh:DownloadTimeoutSeconds");
        time.Advance(TimeSpan.FromSeconds(1));
        var (_, run) = await refresh.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("did not finish within Refresh:DownloadTimeoutSeconds (30 s)", run.GetProperty("message").GetString());
        Assert.Equal(1, Server.Hits("/files/" + File2026));
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString());
    }

    [Fact]
    public async Task Usgs_ConnectionCutMidBody_IsTruncated_FailsAndKeepsServingThePreviousData()
    {
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file);
        Server.Serve("/files/" + File2026, async context =>
        {
            context.Response.ContentLength = file.Length;
            await context.Response.Body.WriteAsync(file.AsMemory(0, file.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        await using var host = await StartHostAsync(("Refresh:MaxRetries", "0"));
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("truncated", run.GetProperty("message").GetString());
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString());
    }

    [Fact]
    public async Task Usgs_FileCutMidRow_IsRejected_AndNothingIsPublished()
    {
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file.AsSpan(0, (file.Length / 2) + 7).ToArray());
        await using var host = await StartHostAsync();
        var version = (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString();
        var served = await TotalAsync(host, "production", "commodity=all&edition=usgs-mcs-2026") + await TotalAsync(host, "reserves", "commodity=all&edition=usgs-mcs-2026");

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).GetProperty("dataVersion").GetString());
        Assert.Equal(3303, served);
        Assert.Equal(served, await TotalAsync(host, "production", "commodity=all&edition=usgs-mcs-2026") + await TotalAsync(host, "reserves", "commodity=all&edition=usgs-mcs-2026"));
    }

    [Fact]
    public async Task Usgs_UnknownFormat_FailsWithAClearMessage_AndKeepsServingThePreviousData()
    {
        ServeUsgs2026(Encoding.UTF8.GetBytes("Chapter,Nation,Measure,Period,Amount\r\nRARE EARTHS,China,Mine production,2025,270000\r\n"));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        var message = run.GetProperty("message").GetString()!;
        Assert.Contains("unknown header 'Chapter,Nation,Measure,Period,Amount'", message);
        Assert.Contains("Known MCS formats", message);
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2025"));
    }

    [Fact]
    public async Task Usgs_RowCountCollapses_IsRejected_AndKeepsServingThePreviousData()
    {
        var few = McsFixtures.Seed("usgs-mcs-2026").Where(r => r.Country is "CHN" or "USA").ToList();
        ServeUsgs2026(McsFixtures.Long2026(few));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("usgs-mcs-2026", run.GetProperty("message").GetString());
        Assert.Contains("Refresh:MaxRowDropFraction", run.GetProperty("message").GetString());
        Assert.Equal(29000, await ValueAsync(host, "country=AUS&year=2025"));
    }

    [Fact]
    public async Task Usgs_UnknownCountryLabel_IsRejected_NotGuessed()
    {
        ServeUsgs2026(McsFixtures.Real2026(
            ["RARE EARTHS,World Mine Production and Reserves,Rare Earths,Atlantis,Production,Mine production,metric tons,2025,\"1,000\",Estimated.,Yes,"]));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("'Atlantis'", run.GetProperty("message").GetString());
        Assert.Equal(400, (int)(await host.Client.GetAsync("api/v1/production?country=Atlantis")).StatusCode);
    }

    [Fact]
    public async Task TwoRefreshesAtOnce_TheSecondIs409_AndTheFirstCompletes()
    {
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Serve("/files/" + File2026, async context =>
        {
            await gate.Task.WaitAsync(context.RequestAborted);
            await FakeSourceServer.Bytes(file)(context);
        });
        await using var host = await StartHostAsync(("Refresh:AttemptTimeoutSeconds", "60"));

        var first = PostRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);
        var (second, problem) = await PostRefreshAsync(host, "usgs");
        // The timer finds the lease taken too, and skips.
        Assert.Equal(HttpStatusCode.Accepted, await RunTimerAsync(host, "UsgsRefreshTimer"));
        gate.SetResult();
        var (firstResponse, run) = await first;

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("/api/problems/conflict", problem.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal("succeeded", run.GetProperty("outcome").GetString());
        Assert.Equal(1, Server.Hits("/files/" + File2026));
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
    }

    [Fact]
    public async Task Catalog_NoSuccessfulRefreshForLongerThanConfigured_IsStale()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        // The host runs on a fake clock (resilience delays too: no retries here, they would wait for it).
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time), ("Refresh:StaleAfterHours", "24"), ("Refresh:MaxRetries", "0"));
        var (_, run) = await PostRefreshAsync(host, "usgs");
        Assert.Equal("succeeded", run.GetProperty("outcome").GetString());
        Assert.False((await CatalogEntryAsync(host, "production")).GetProperty("stale").GetBoolean());
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));

        time.Advance(TimeSpan.FromHours(25));
        var (_, failed) = await PostRefreshAsync(host, "usgs");

        Assert.Equal("failed", failed.GetProperty("outcome").GetString());
        var entry = await CatalogEntryAsync(host, "production");
        Assert.True(entry.GetProperty("stale").GetBoolean());
        Assert.Equal("failed", entry.GetProperty("lastRefresh").GetProperty("outcome").GetString());
        Assert.Equal(run.GetProperty("finished").GetDateTimeOffset(), entry.GetProperty("lastSuccess").GetDateTimeOffset());
    }

    [Fact]
    public async Task Admin_WithoutKey_Is401_UnknownSource_Is400()
    {
        await using var host = await StartHostAsync();

        var (noKey, _) = await PostRefreshAsync(host, "usgs", key: null);
        var (wrongKey, _) = await PostRefreshAsync(host, "usgs", key: "nope");
        var (unknown, problem) = await PostRefreshAsync(host, "bgs");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("source", error.GetProperty("parameter").GetString());
        Assert.Contains("usgs", error.GetProperty("accepted").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, Server.Hits("/catalog/item/item2026"));
    }
}
