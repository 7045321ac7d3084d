using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>
/// Refresh status that tells the truth: a run's record is whole and current, a failed run is not a 200, the runs
/// route lists public records, stale follows the clock, a bad schedule stops the start, and storage blips leave
/// neither a run stuck at running nor the lease held against the next run.
/// </summary>
public sealed class RefreshRunRecordTests : RefreshTestBase
{
    [Fact]
    public async Task FailedRefresh_IsNot200_SourceFailureIs502_RejectedFileIs422_EachWithTheRunRecord()
    {
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));
        await using var host = await StartHostAsync(("Refresh:MaxRetries", "0"));

        var (sourceFailed, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.BadGateway, sourceFailed.StatusCode);
        Assert.Equal("application/json", sourceFailed.Content.Headers.ContentType?.MediaType);
        Assert.Equal((RefreshOutcome.Failed, RefreshFailure.Source), (run.Outcome, run.Failure));
        Assert.Contains("500", run.Message);

        ServeUsgs2026(Encoding.UTF8.GetBytes("Chapter,Nation,Measure,Period,Amount\r\nRARE EARTHS,China,Mine production,2025,270000\r\n"));
        var (rejected, body) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal((RefreshOutcome.Failed, RefreshFailure.Rejected), (body.Outcome, body.Failure));
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2025"));
    }

    [Fact]
    public async Task RunRecord_IsWholeAndCurrent_NoOldMessage_NoOldFinished_WhileRunningAndAfter()
    {
        Server.Serve("/catalog/item/item2026", FakeSourceServer.Status(500));
        await using var host = await StartHostAsync(("Refresh:MaxRetries", "0"));
        var (_, first) = await PostRefreshAsync(host, "usgs");
        Assert.Equal(RefreshOutcome.Failed, first.Outcome);

        var release = GateUsgsFile();
        var posting = PostRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);

        // The catalog reads the run's summary within a check timeout; on a busy machine the first answer may still hold the one before.
        var during = (await CatalogEntryAsync(host, "production")).LastRefresh;
        for (var i = 0; i < 40 && during?.RunId == first.RunId; i++)
        {
            await Task.Delay(250);
            during = (await CatalogEntryAsync(host, "production")).LastRefresh;
        }

        release.SetResult();
        var (response, second) = await posting;
        var after = Assert.IsType<DatasetRefresh>((await CatalogEntryAsync(host, "production")).LastRefresh);

        Assert.NotNull(during);
        Assert.NotEqual(first.RunId, during.RunId);
        Assert.Equal(RefreshOutcome.Running, during.Outcome);
        Assert.Null(during.Finished);
        Assert.Null(during.Message);
        Assert.Null(during.Failure);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(second.RunId, after.RunId);
        Assert.Equal(RefreshOutcome.Succeeded, after.Outcome);
        Assert.True(after.Finished >= after.Started);
        Assert.StartsWith("Published ", after.Message);
        Assert.Null(after.Failure);
    }

    [Fact]
    public async Task RunsRoute_ListsRecentRunsPerSource_PublicAndFreeOfInternals()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync();
        var (_, published) = await PostRefreshAsync(host, "usgs");

        // A binary upload: quotes in an unquoted field (CsvHelper's bad data), NULs and bytes that are not UTF-8.
        var junk = Encoding.UTF8.GetBytes("country,year,share\n").Concat(new byte[] { 0x61, 0x22, 0x62, 0x00, 0x01, 0xFF, 0xFE, 0x2C, 0x31, 0x0A }).ToArray();
        var (rejected, upload) = await UploadAsync(host, "refining", junk);
        // Well-formed CSV whose country holds a NUL and a byte that is not UTF-8: the message names the row, not the bytes.
        var badValue = Encoding.UTF8.GetBytes("edition,editionTitle,publisher,published,url,country,sourceLabel,members,year,scenario,value,unit,note\n" +
                "iea-gcmo-2024,Global Critical Minerals Outlook 2024,International Energy Agency,2024-05-17,https://www.iea.org/,")
            .Concat(new byte[] { 0x43, 0x00, 0xFF })
            .Concat(Encoding.UTF8.GetBytes(",China,,2023,actual,92,percent,\n")).ToArray();
        var (_, second) = await UploadAsync(host, "refining", badValue);

        var body = await host.Client.OkJson("api/v1/refresh/runs?limit=5");
        var runs = Wire.Read<Envelope<RefreshRunListing>>(body).Data;
        var usgs = Assert.Single(runs, r => r.Source == "usgs");
        var curated = runs.Where(r => r.Source == "curated").ToList();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal(published.RunId, usgs.RunId);
        Assert.Equal(RefreshOutcome.Succeeded, usgs.Outcome);
        Assert.Contains(usgs.Published, p => p.Dataset == "production" && p.Rows > 0);
        Assert.True(usgs.Finished >= usgs.Started);
        Assert.Equal([second.RunId, upload.RunId], curated.Select(r => r.RunId));
        Assert.All(curated, r => Assert.Equal((RefreshOutcome.Failed, RefreshFailure.Rejected), (r.Outcome, r.Failure)));
        // Raw on purpose: that the internals are absent from the wire, whatever the listing type holds.
        Assert.All(body.Data(), run =>
        {
            Assert.False(run.TryGetProperty("hash", out _));
            Assert.False(run.TryGetProperty("files", out _));
        });
        foreach (var run in runs)
        {
            var message = run.Message!;
            Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
            Assert.DoesNotContain("IReader", message, StringComparison.Ordinal);
            Assert.DoesNotContain("RawRecord", message, StringComparison.Ordinal);
            Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\uFFFD');
        }

        Assert.Contains("row", upload.Message);
        var one = await host.Client.ReadEnvelope<RefreshRunListing>("api/v1/refresh/runs?source=curated&limit=1");
        Assert.Equal([second.RunId], one.Data.Select(r => r.RunId));
        var problem = await host.Client.ProblemFor("api/v1/refresh/runs?source=banana", "source");
        Assert.Contains("usgs", problem.Accepted!);
    }

    [Fact]
    public async Task Stale_TurnsTrue_AfterTheConfiguredHoursWithoutASuccess()
    {
        ServeUsgs2026(McsFixtures.Real2026());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time), ("Refresh:StaleAfterHours", "2"));
        var (response, _) = await PostRefreshAsync(host, "usgs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var fresh = (await CatalogEntryAsync(host, "production")).Stale;
        time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        var justBefore = (await CatalogEntryAsync(host, "production")).Stale;
        time.Advance(TimeSpan.FromMinutes(2));
        var after = (await CatalogEntryAsync(host, "production")).Stale;

        Assert.False(fresh);
        Assert.False(justBefore);
        Assert.True(after);
    }

    [Fact]
    public async Task InvalidTimerSchedule_FailsAtStart_NamingTheSettingAndTheForm()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => StartHostAsync(("UsgsRefreshSchedule", "banana")));

        Assert.Contains("UsgsRefreshSchedule 'banana' is not a timer schedule", failure.Message);
        Assert.Contains("{second} {minute} {hour} {day} {month} {day-of-week}", failure.Message);
    }

    [Theory]
    [InlineData("0 0 6 * * 1", true)]
    [InlineData("0 15 6 * * 1-5", true)]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("01:00:00", true)]
    [InlineData("0 6 * * 1", false)]
    [InlineData("banana", false)]
    [InlineData("61 0 6 * * 1", false)]
    [InlineData("00:00:00", false)]
    public void TimerSchedule_IsSixNcrontabFieldsOrAnInterval(string schedule, bool valid) =>
        Assert.Equal(valid, RefreshSchedulesValidator.IsSchedule(schedule));

    [Fact]
    public async Task StorageBlip_AsARunEnds_DoesNotLeaveItRunning()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        var release = GateUsgsFile();
        // The final save backs off on the host's clock, a fake one here: the test advances it instead of waiting.
        var time = new WatchedClock();
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time), ("Storage:ConnectionString", TestStorage.ViaTablePort(proxy.Port)));
        var posting = SendRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);

        // Table Storage goes away while the file comes in, and is back after the run has failed and its end could not
        // be saved (the first final save failed: its one-second backoff has begun).
        proxy.Stop();
        var backoff = time.TimerCreated(TimeSpan.FromSeconds(1));
        release.SetResult();
        await backoff;
        proxy.Start();
        time.Advance(TimeSpan.FromSeconds(1));
        var response = await posting;
        var last = Assert.IsType<DatasetRefresh>((await CatalogEntryAsync(host, "production")).LastRefresh);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal((RefreshOutcome.Failed, RefreshFailure.Storage), (last.Outcome, last.Failure));
        Assert.True(last.Finished >= last.Started);
    }

    [Fact]
    public async Task RunLeftRunningByALongOutage_IsMarkedInterruptedByTheNextRun()
    {
        await using var proxy = new TcpProxy(10002);
        proxy.Start();
        var release = GateUsgsFile();
        await using var host = await StartHostAsync(("Storage:ConnectionString", TestStorage.ViaTablePort(proxy.Port)), ("Refresh:FinalSaveRetries", "0"));
        var posting = SendRefreshAsync(host, "usgs");
        await WaitForHitAsync("/files/" + File2026);
        var stuck = (await CatalogEntryAsync(host, "production")).LastRefresh?.RunId;
        proxy.Stop();
        release.SetResult();
        await posting;
        proxy.Start();

        var (response, next) = await PostRefreshAsync(host, "usgs");
        var runs = (await host.Client.ReadEnvelope<RefreshRunListing>("api/v1/refresh/runs?source=usgs")).Data;
        var old = Assert.Single(runs, r => r.RunId == stuck);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(next.RunId, runs[0].RunId);
        Assert.Equal((RefreshOutcome.Failed, RefreshFailure.Interrupted), (old.Outcome, old.Failure));
        Assert.DoesNotContain(runs, r => r.Outcome == RefreshOutcome.Running);
    }

    [Fact]
    public async Task LeaseKeptByAStorageBlip_DoesNotBlockTheNextRun()
    {
        await using var proxy = new TcpProxy(10000);
        proxy.Start();
        ServeUsgs2026(McsFixtures.Real2026());
        await using var host = await StartHostAsync(("Storage:ConnectionString", TestStorage.ViaBlobPort(proxy.Port)));
        var locks = host.App.Services.GetRequiredService<RefreshLock>();
        var lease = await locks.TryAcquireAsync("usgs", CancellationToken.None);
        Assert.NotNull(lease);

        // The release at the end of a run fails: Blob Storage is unreachable for a moment; the lease stays taken on the service.
        proxy.Stop();
        await lease.DisposeAsync();
        proxy.Start();
        var (response, run) = await PostRefreshAsync(host, "usgs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RefreshOutcome.Succeeded, run.Outcome);
    }

    /// <summary>USGS serves the 2026 file once the returned gate opens (the first request waits; later ones get it at once).</summary>
    private TaskCompletionSource GateUsgsFile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var file = McsFixtures.Real2026();
        ServeUsgs2026(file);
        Server.Serve("/files/" + File2026, async context =>
        {
            await release.Task;
            await FakeSourceServer.Bytes(file)(context);
        }, FakeSourceServer.Bytes(file));
        return release;
    }

    private static async Task<(HttpResponseMessage Response, RefreshRun Run)> UploadAsync(ApiHost host, string dataset, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/admin/upload/{dataset}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add("x-functions-key", Key);
        var response = await host.Client.SendAsync(request);
        return (response, await response.ReadWireAsync<RefreshRun>());
    }
}
