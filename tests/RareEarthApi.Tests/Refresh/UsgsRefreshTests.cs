using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
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
        var mybRows = await TotalAsync<ObservationJson>(host, "production", "edition=usgs-myb-2022");
        var ds140Rows = await TotalAsync<ObservationJson>(host, "production", "edition=usgs-ds140-2020");

        var timer = await RunTimerAsync(host, "UsgsRefreshTimer");

        Assert.Equal(HttpStatusCode.Accepted, timer);
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        Assert.Equal(380000, await ValueAsync(host, "country=WLD&year=2024"));
        Assert.Equal(mybRows, await TotalAsync<ObservationJson>(host, "production", "edition=usgs-myb-2022"));
        Assert.Equal(ds140Rows, await TotalAsync<ObservationJson>(host, "production", "edition=usgs-ds140-2020"));
        Assert.Equal(390000, await ValueAsync(host, "country=WLD&year=2024&edition=usgs-mcs-2025"));

        var after = await CatalogEntryAsync(host, "production");
        Assert.NotEqual(before.DataVersion, after.DataVersion);
        Assert.Equal(RefreshOutcome.Succeeded, after.LastRefresh?.Outcome);
        Assert.Equal("usgs", after.LastRefresh?.Source);
        Assert.NotNull(after.LastSuccess);
        Assert.False(after.Stale);
        Assert.Equal(RefreshOutcome.Succeeded, (await CatalogEntryAsync(host, "reserves")).LastRefresh?.Outcome);

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
        var files2024 = new[] { "mcs2024-raree_world.csv", "MCS2024_Fig2_Net_Import_Reliance.csv" };
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
        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, run.Files.Count);
        Assert.Equal(0, Server.Hits("/files/MCS2024_Fig2_Net_Import_Reliance.csv"));
        Assert.Equal(350000, await ValueAsync(host, "country=WLD&year=2023&edition=usgs-mcs-2024"));
        Assert.Equal(390000, await ValueAsync(host, "country=WLD&year=2024&edition=usgs-mcs-2025"));
        Assert.Equal(0, await ValueAsync(host, "country=CAN&year=2024&edition=usgs-mcs-2025"));
        var reserves = await host.Client.ReadEnvelope<ObservationJson>("api/v1/reserves?country=WLD&edition=usgs-mcs-2025");
        var world = Assert.Single(reserves.Data);
        Assert.Equal(ValueStatus.LowerBound, world.Status);
        Assert.Equal(90000000, world.Value);
        var burma = Assert.Single((await host.Client.ReadEnvelope<ObservationJson>("api/v1/reserves?country=MMR&edition=usgs-mcs-2025")).Data);
        Assert.Equal(ValueStatus.NotAvailable, burma.Status);
        Assert.Equal(McsFixtures.Seed("usgs-mcs-2024").Count(r => r.Measure == "mine-production"), await TotalAsync<ObservationJson>(host, "production", "edition=usgs-mcs-2024"));
    }

    [Fact]
    public async Task UsgsAdmin_SameFilesAgain_IsUnchanged_AndPublishesNothing()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync();
        var (_, first) = await PostRefreshAsync(host, "usgs");
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (response, second) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RefreshOutcome.Succeeded, first.Outcome);
        Assert.Equal(RefreshOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
        Assert.Equal(RefreshOutcome.Unchanged, (await CatalogEntryAsync(host, "production")).LastRefresh?.Outcome);
    }

    [Fact]
    public async Task Usgs_Source500sThenRecovers_RetriesAndPublishes()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        var item = Encoding.UTF8.GetBytes(McsFixtures.ItemJson(Server.BaseAddress, File2026));
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500), FakeSourceServer.Status(503), FakeSourceServer.Bytes(item, "application/json"));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, Server.Hits("/catalog/item/item2026"));
        Assert.Equal(92000, await ValueAsync(host, "commodity=lithium&country=AUS&year=2025"));
    }

    [Fact]
    public async Task Usgs_SourceKeepsFailing_FailsAndKeepsServingThePreviousData()
    {
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));
        await using var host = await StartHostAsync(("Refresh:MaxRetries", "2"));
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("500", run.Message);
        Assert.Equal(3, Server.Hits("/catalog/item/item2026"));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        var entry = await CatalogEntryAsync(host, "production");
        Assert.Equal(version, entry.DataVersion);
        Assert.Equal(RefreshOutcome.Failed, entry.LastRefresh?.Outcome);
    }

    [Fact]
    public async Task Usgs_SourceHangsPastTheTimeout_FailsAndKeepsServingThePreviousData()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        Server.Serve("/files/" + File2026, FakeSourceServer.Hang);
        await using var host = await StartHostAsync(("Refresh:AttemptTimeoutSeconds", "1"), ("Refresh:MaxRetries", "1"));
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("did not answer in time", run.Message);
        Assert.Equal(2, Server.Hits("/files/" + File2026));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
    }

    [Fact]
    public async Task Usgs_DownloadTimeoutShorterThanTheAttemptTimeout_BoundsTheDownload_OnTheHostClock()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        Server.Serve("/files/" + File2026, FakeSourceServer.Hang);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time),
            ("Refresh:DownloadTimeoutSeconds", "30"), ("Refresh:AttemptTimeoutSeconds", "600"), ("Refresh:MaxRetries", "0"));
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var refresh = PostRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.False(refresh.IsCompleted, "the download was stopped before Refresh:DownloadTimeoutSeconds");
        time.Advance(TimeSpan.FromSeconds(1));
        var (_, run) = await refresh.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("did not finish within Refresh:DownloadTimeoutSeconds (30 s)", run.Message);
        Assert.Equal(1, Server.Hits("/files/" + File2026));
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
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
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("truncated", run.Message);
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
    }

    [Fact]
    public async Task Usgs_FileCutMidRow_IsRejected_AndNothingIsPublished()
    {
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file.AsSpan(0, (file.Length / 2) + 7).ToArray());
        await using var host = await StartHostAsync();
        var version = (await CatalogEntryAsync(host, "production")).DataVersion;
        var served = await TotalAsync<ObservationJson>(host, "production", "commodity=all&edition=usgs-mcs-2026") + await TotalAsync<ObservationJson>(host, "reserves", "commodity=all&edition=usgs-mcs-2026");

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Equal(version, (await CatalogEntryAsync(host, "production")).DataVersion);
        Assert.Equal(3303, served);
        Assert.Equal(served, await TotalAsync<ObservationJson>(host, "production", "commodity=all&edition=usgs-mcs-2026") + await TotalAsync<ObservationJson>(host, "reserves", "commodity=all&edition=usgs-mcs-2026"));
    }

    [Fact]
    public async Task Usgs_UnknownFormat_FailsWithAClearMessage_AndKeepsServingThePreviousData()
    {
        ServeUsgs2026(Encoding.UTF8.GetBytes("Chapter,Nation,Measure,Period,Amount\r\nRARE EARTHS,China,Mine production,2025,270000\r\n"));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        var message = run.Message!;
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

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("usgs-mcs-2026", run.Message);
        Assert.Contains("Refresh:MaxRowDropFraction", run.Message);
        Assert.Equal(29000, await ValueAsync(host, "country=AUS&year=2025"));
    }

    [Fact]
    public async Task Usgs_UnknownCountryLabel_IsRejected_NotGuessed()
    {
        ServeUsgs2026(McsFixtures.Real2026(
            ["RARE EARTHS,World Mine Production and Reserves,Rare Earths,Atlantis,Production,Mine production,metric tons,2025,\"1,000\",Estimated.,Yes,"]));
        await using var host = await StartHostAsync();

        var (_, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("'Atlantis'", run.Message);
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
        var (second, problem) = await PostRefreshForProblemAsync(host, "usgs");
        // The timer finds the lease taken too, and skips.
        Assert.Equal(HttpStatusCode.Accepted, await RunTimerAsync(host, "UsgsRefreshTimer"));
        gate.SetResult();
        var (firstResponse, run) = await first;

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("/api/problems/conflict", problem.Type);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
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
        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
        Assert.False((await CatalogEntryAsync(host, "production")).Stale);
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));

        time.Advance(TimeSpan.FromHours(25));
        var (_, failed) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(RefreshOutcome.Failed, failed.Outcome);
        var entry = await CatalogEntryAsync(host, "production");
        Assert.True(entry.Stale);
        Assert.Equal(RefreshOutcome.Failed, entry.LastRefresh?.Outcome);
        Assert.NotNull(run.Finished);
        Assert.Equal(run.Finished, entry.LastSuccess);
    }

    [Fact]
    public async Task Admin_WithoutKey_Is401_UnknownSource_Is400()
    {
        await using var host = await StartHostAsync();

        using var noKey = await SendRefreshAsync(host, "usgs", key: null);
        using var wrongKey = await SendRefreshAsync(host, "usgs", key: "nope");
        var (unknown, problem) = await PostRefreshForProblemAsync(host, "bgs");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var error = Assert.Single(problem.Errors ?? []);
        Assert.Equal("source", error.Parameter);
        Assert.Contains("usgs", error.Accepted ?? []);
        Assert.Equal(0, Server.Hits("/catalog/item/item2026"));
    }
}
