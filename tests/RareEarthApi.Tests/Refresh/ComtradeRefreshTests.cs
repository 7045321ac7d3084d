using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Refresh;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Tests.Support;
using RareEarthApi.Trade;

namespace RareEarthApi.Tests.Refresh;

/// <summary>The Comtrade refresh against a loopback server answering in the API's JSON format.</summary>
public sealed class ComtradeRefreshTests : RefreshTestBase
{
    private const string Preview = "/public/v1/preview/C/A/HS";

    private static readonly Dictionary<string, string> Iso = new(StringComparer.Ordinal) { ["156"] = "CHN", ["392"] = "JPN", ["842"] = "USA" };

    /// <summary>China's imports of HS 2846, one record per partner, in the API's format; the period is left as {PERIOD}.</summary>
    internal static string Response(params (int Partner, string Iso, double Kg, double Usd)[] rows) => Response("156", "2846", "M", rows);

    internal static string Response(string reporter, string cmd, string flow, params (int Partner, string Iso, double Kg, double Usd)[] rows) =>
        "{\"elapsedTime\":\"0.1 secs\",\"count\":" + rows.Length + ",\"data\":[" + string.Join(",", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{{\"typeCode\":\"C\",\"freqCode\":\"A\",\"period\":\"{{PERIOD}}\",\"reporterCode\":{reporter},\"reporterISO\":\"{Iso.GetValueOrDefault(reporter, "XXX")}\",\"flowCode\":\"{flow}\",\"partnerCode\":{r.Partner},\"partnerISO\":\"{r.Iso}\",\"partner2Code\":0,\"classificationCode\":\"H6\",\"cmdCode\":\"{cmd}\",\"customsCode\":\"C00\",\"motCode\":0,\"qtyUnitAbbr\":\"kg\",\"qty\":{r.Kg},\"netWgt\":{r.Kg},\"isNetWgtEstimated\":false,\"cifvalue\":{(flow == "M" ? r.Usd : "null")},\"fobvalue\":{(flow == "X" ? r.Usd : "null")},\"primaryValue\":{r.Usd},\"isReported\":false,\"isAggregate\":{(r.Partner == 0 ? "true" : "false")}}}"))) +
        "],\"error\":\"\"}";

    /// <summary>
    /// Answers every call for the reporter, HS code, flows and partners it asks for (all partners when it names none),
    /// one record per partner, flow and asked year.
    /// </summary>
    internal static Func<HttpContext, Task> Answer(params (int Partner, string Iso, double Kg, double Usd)[] rows) => async context =>
    {
        var q = context.Request.Query;
        var periods = q["period"].ToString().Split(',');
        var asked = q["partnerCode"].ToString() is { Length: > 0 } p ? p.Split(',').Select(int.Parse).ToHashSet() : null;
        var selected = rows.Where(r => asked is null || asked.Contains(r.Partner)).ToArray();
        var flows = q["flowCode"].ToString().Split(',');
        var records = flows.Select(f => Response(q["reporterCode"].ToString(), q["cmdCode"].ToString(), f, selected).Split("\"data\":[")[1].Split("],\"error\"")[0])
            .Where(r => r.Length > 0).ToList();
        var body = "{\"elapsedTime\":\"0.1 secs\",\"count\":" + (selected.Length * periods.Length * flows.Length) + ",\"data\":[" +
                   string.Join(",", periods.SelectMany(period => records.Select(r => r.Replace("{PERIOD}", period, StringComparison.Ordinal)))) +
                   "],\"error\":\"\"}";
        await FakeSourceServer.Bytes(Encoding.UTF8.GetBytes(body), "application/json")(context);
    };

    /// <summary>The first <paramref name="count"/> country partners of the crosswalk with a Comtrade code, each with a weight and value of its own.</summary>
    private static (int Partner, string Iso, double Kg, double Usd)[] Partners(int count) =>
        [.. SeedCatalogs.Countries.All.Where(c => c is { IsAggregate: false, ComtradeCode: not null } && c.ComtradeCode != 156)
            .Take(count).Select(c => (c.ComtradeCode!.Value, c.Iso3, c.ComtradeCode.Value * 10d, c.ComtradeCode.Value * 100d))];

    [Fact]
    public async Task Comtrade_429WithRetryAfter_WaitsThenParses_AndArchivesTheResponse()
    {
        Server.Serve(Preview, FakeSourceServer.Status(429, retryAfterSeconds: 1),
            Answer((0, "W00", 77025454.404, 1386613152), (104, "MMR", 44366000, 600000000), (458, "MYS", 16345000, 300000000)));
        // The host runs on a fake clock: the retry waits on it, so the test advances it rather than waiting a second.
        var time = new WatchedClock();
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<TimeProvider>(time), ("Refresh:Comtrade:Reporters", "392"));
        var started = time.GetUtcNow();

        var waiting = time.TimerCreated(TimeSpan.FromSeconds(1));
        var posting = PostRefreshAsync(host, "comtrade");
        await waiting;
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(100);
        var hitsBefore = Server.Hits(Preview);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var (_, run) = await posting;

        Succeeded(run);
        Assert.Contains("6 Comtrade records from 1 calls", run.Message);
        Assert.Equal(1, hitsBefore);
        Assert.Equal(2, Server.Hits(Preview));
        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(1), "the retry came before Retry-After said");
        var blobs = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient(RawContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "comtrade/", CancellationToken.None);
        var names = new List<string>();
        await foreach (var b in blobs)
        {
            names.Add(b.Name);
        }

        Assert.Single(names);
        Assert.EndsWith(".json", names[0]);
        // Reads are untouched by a trade run.
        Assert.Equal(270000, await ValueAsync(host, "country=CHN&year=2024"));
    }

    [Fact]
    public async Task Comtrade_WithAKey_UsesTheKeyedEndpointAndHeader_AndPublishesThroughTheTradePublisher()
    {
        string? key = null;
        var inner = Answer((0, "W00", 77025454.404, 1386613152));
        Server.Serve("/data/v1/get/C/A/HS", async context =>
        {
            key = context.Request.Headers["Ocp-Apim-Subscription-Key"];
            await inner(context);
        });
        var publisher = new RecordingTradePublisher();
        await using var host = await StartHostAsync(b => b.Services.AddSingleton<ITradePublisher>(publisher), ("Refresh:Comtrade:SubscriptionKey", "secret-key"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        Assert.Equal("secret-key", key);
        Assert.Equal(2, publisher.Records.Count);
        Assert.All(publisher.Records, r => Assert.Equal(77025454.404, r.NetWgt));
        Assert.Equal(2, publisher.Published);
        var tables = new TableServiceClient(TestStorage.ConnectionString);
        var pointer = await tables.GetTableClient(host.TablePrefix + "datasets").GetEntityAsync<TableEntity>("trade-test", "current");
        Assert.Equal(2, pointer.Value.GetInt32("RowCount"));
    }

    [Fact]
    public async Task Comtrade_CallAtTheRecordCap_IsSplitPerYear()
    {
        var multi = 0;
        Server.Serve(Preview, async context =>
        {
            var years = context.Request.Query["period"].ToString().Split(',').Length;
            if (years > 1)
            {
                multi++;
            }

            await Answer((0, "W00", 1, 1), (104, "MMR", 2, 2))(context);
        });
        await using var host = await StartHostAsync(("Refresh:Comtrade:MaxRecords", "4"), ("Refresh:Comtrade:Reporters", "392"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        Assert.Equal(1, multi);
        Assert.Equal(3, Server.Hits(Preview));
        Assert.Contains("4 Comtrade records from 2 calls", run.Message);
    }

    [Fact]
    public async Task Comtrade_Exactly500Records_IsTruncated_AndSplitByFlowThenYear_UntilEveryPartIsUnder()
    {
        // 125 partners × 2 flows × 2 years: the first call comes back with exactly 500 records.
        var asked = new List<(string Flows, string Periods)>();
        var partners = Partners(125);
        var answer = Answer(partners);
        Server.Serve(Preview, async context =>
        {
            asked.Add((context.Request.Query["flowCode"].ToString(), context.Request.Query["period"].ToString()));
            await answer(context);
        });
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"), ("Refresh:Comtrade:Flows", "M,X"));
        var lastYear = DateTimeOffset.UtcNow.Year - 1;

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        Assert.Equal([("M,X", $"{lastYear},{lastYear + 1}"), ("M", $"{lastYear},{lastYear + 1}"), ("X", $"{lastYear},{lastYear + 1}")], asked);
        Assert.Contains("500 Comtrade records from 2 calls", run.Message);
        Assert.Equal(500, await TotalAsync<TradeJson>(host, "trade", "reporter=JPN&hs=2846"));
        var last = partners[^1];
        var row = Assert.Single((await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&partner={last.Iso}&flow=export&year={lastYear}")).Data);
        Assert.Equal(last.Kg, row.NetWeightKg);
    }

    [Fact]
    public async Task Comtrade_OneYearAtTheCap_IsSplitByPartner_OverTheCrosswalksCodes()
    {
        var partnerCalls = 0;
        var answer = Answer(Partners(3));
        Server.Serve(Preview, async context =>
        {
            partnerCalls += context.Request.Query["partnerCode"].Count;
            await answer(context);
        });
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"), ("Refresh:Comtrade:MaxRecords", "3"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        Assert.True(partnerCalls >= 4, $"{partnerCalls} calls named partners");
        Assert.Equal(6, await TotalAsync<TradeJson>(host, "trade", "reporter=JPN&hs=2846"));
    }

    [Fact]
    public async Task Comtrade_OnePartnerStillAtTheCap_FailsRatherThanTruncating()
    {
        Server.Serve(Preview, Answer((0, "W00", 1, 1), (104, "MMR", 2, 2)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:MaxRecords", "1"));
        var version = (await CatalogEntryAsync(host, "trade")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("no reporter-year could be published", run.Message);
        Assert.Contains("truncated", run.Message);
        Assert.Equal(version, (await CatalogEntryAsync(host, "trade")).DataVersion);
    }

    [Fact]
    public async Task Comtrade_OneReporterYearFailing_KeepsItsServedRows_WhileTheOthersPublish()
    {
        var lastYear = DateTimeOffset.UtcNow.Year - 1;
        var failKoreaLastYear = false;
        var first = Answer((156, "CHN", 1_000, 10_000));
        var revised = Answer((156, "CHN", 2_000, 20_000));
        Server.Serve(Preview, async context =>
        {
            var q = context.Request.Query;
            if (failKoreaLastYear && q["reporterCode"] == "410" && q["period"] == lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                context.Response.StatusCode = 503;
                return;
            }

            await (failKoreaLastYear ? revised : first)(context);
        });
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392,410"), ("Refresh:Comtrade:YearsPerCall", "1"));
        Succeeded((await PostRefreshAsync(host, "comtrade")).Run);
        failKoreaLastYear = true;

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        var rejected = Assert.Single(run.Rejected);
        Assert.StartsWith($"KOR (410) {lastYear}: ", rejected);
        Assert.Contains("503", rejected);
        double? Weight(Envelope<TradeJson> body) => Assert.Single(body.Data).NetWeightKg;
        // Korea's failed year keeps the first run's figure; its other year and Japan's years take the revision.
        Assert.Equal(1_000, Weight(await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=KOR&partner=CHN&year={lastYear}")));
        Assert.Equal(2_000, Weight(await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=KOR&partner=CHN&year={lastYear + 1}")));
        Assert.Equal(2_000, Weight(await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&partner=CHN&year={lastYear}")));
        Assert.Equal(2_000, Weight(await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&partner=CHN&year={lastYear + 1}")));
        var entry = await CatalogEntryAsync(host, "trade");
        Assert.Contains(entry.LastRefresh?.Rejected ?? [], r => r.StartsWith($"KOR (410) {lastYear}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Comtrade_AnUnmappedPartnerInOneReporterYear_RejectsThatYearAlone()
    {
        var lastYear = DateTimeOffset.UtcNow.Year - 1;
        var good = Answer((156, "CHN", 1_000, 10_000));
        var bad = Answer((156, "CHN", 1_000, 10_000), (998, "X9 ", 5, 5));
        Server.Serve(Preview, context => (context.Request.Query["period"] == lastYear.ToString(System.Globalization.CultureInfo.InvariantCulture) ? bad : good)(context));
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"), ("Refresh:Comtrade:YearsPerCall", "1"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        Assert.Contains("partner code 998", Assert.Single(run.Rejected));
        Assert.Empty((await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&year={lastYear}")).Data);
        Assert.Single((await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&year={lastYear + 1}")).Data);
    }

    [Fact]
    public async Task Comtrade_TheEuropeanUnion_97_MapsThroughTheCrosswalk()
    {
        Server.Serve(Preview, Answer((156, "CHN", 3_000, 30_000)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "97"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Succeeded(run);
        var rows = (await host.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=XEC&partner=CHN")).Data;
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("European Union", r.ReporterName));
    }

    [Fact]
    public async Task Comtrade_Refresh_PublishesJapansRowsIntoTrade_AndKeepsEveryRowItDidNotCover()
    {
        Server.Serve(Preview, Answer((0, "W00", 3_000_000, 90_000_000), (156, "CHN", 2_000_000, 50_000_000), (704, "VNM", 600_000, 20_000_000), (899, "_X ", 10, 100)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"));
        var before = await TotalAsync<TradeJson>(host, "trade", "");
        var lastYear = DateTimeOffset.UtcNow.Year - 1;

        var (response, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Succeeded(run);
        Assert.Contains("Left out 2 Comtrade record(s) whose partner is no country", run.Message);
        // Japan's 2846 imports for the two years: World, China, Viet Nam; "Areas, nes" left out. Nothing else goes.
        Assert.Equal(before + 6, await TotalAsync<TradeJson>(host, "trade", ""));
        var japan = await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&partner=CHN&flow=import&hs=2846&year={lastYear}");
        var row = Assert.Single(japan.Data);
        Assert.Equal(2_000_000, row.NetWeightKg);
        Assert.Equal(50_000_000, row.ValueUsd);
        Assert.Equal(TradeValuation.CIF, row.Valuation);
        Assert.Equal(TradeBasis.AsReported, row.Basis);
        Assert.Equal(4, row.HsLevel);
        var source = row.Source;
        Assert.Equal("un-comtrade", source.Id);
        Assert.Matches("^un-comtrade-[0-9]{4}-[0-9]{2}-[0-9]{2}$", source.Edition);
        Assert.Equal(3, (await host.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=JPN&hs=2846&include_aggregates=true&year=" + lastYear)).Data.Count);
        // The bundled sample is still served: China's 2024 imports from Myanmar, Japan's magnet imports.
        var myanmar = Assert.Single((await host.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=CHN&partner=MMR&flow=import&hs=2846&year=2024")).Data);
        Assert.Equal(44365512, myanmar.NetWeightKg);
        Assert.Equal("un-comtrade-preview-2026-07-10", myanmar.Source.Edition);
        Assert.Equal(4, (await host.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=JPN&hs=850511&include_aggregates=true")).Data.Count);
        var entry = await CatalogEntryAsync(host, "trade");
        Assert.Equal("comtrade", entry.LastRefresh?.Source);
        Assert.Equal(RefreshOutcome.Succeeded, entry.LastRefresh?.Outcome);
        Assert.Equal(run.RunId, entry.LastRefresh?.RunId);
        var finished = Assert.IsType<DateTimeOffset>(run.Finished);
        Assert.InRange(Assert.IsType<DateTimeOffset>(entry.LastSuccess), finished.AddSeconds(-1), finished.AddSeconds(1));
        Assert.False(entry.Stale);
    }

    [Fact]
    public async Task Comtrade_RevisedFigures_ReplaceTheirRows_RatherThanAddingTo()
    {
        Server.Serve(Preview,
            Answer((156, "CHN", 2_000_000, 50_000_000)),
            Answer((156, "CHN", 2_100_000, 52_000_000)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"));
        var lastYear = DateTimeOffset.UtcNow.Year - 1;
        var (_, first) = await PostRefreshAsync(host, "comtrade");
        var total = await TotalAsync<TradeJson>(host, "trade", "");

        var (_, second) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal((RefreshOutcome.Succeeded, RefreshOutcome.Succeeded, (string?)null), (first.Outcome, second.Outcome,
            second.Outcome == RefreshOutcome.Succeeded ? null : second.Message));
        Assert.Equal(total, await TotalAsync<TradeJson>(host, "trade", ""));
        var row = Assert.Single((await host.Client.ReadEnvelope<TradeJson>($"api/v1/trade?reporter=JPN&hs=2846&year={lastYear}")).Data);
        Assert.Equal(2_100_000, row.NetWeightKg);
    }

    [Fact]
    public async Task Comtrade_UnknownPartnerCode_FailsTheRun_AndTheServedTradeStays()
    {
        Server.Serve(Preview, Answer((156, "CHN", 2_000_000, 50_000_000), (998, "X9 ", 5, 5)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:Reporters", "392"));
        var version = (await CatalogEntryAsync(host, "trade")).DataVersion;

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Contains("partner code 998", run.Message);
        Assert.Equal(version, (await CatalogEntryAsync(host, "trade")).DataVersion);
        Assert.Empty((await host.Client.ReadEnvelope<TradeJson>("api/v1/trade?reporter=JPN&hs=2846")).Data);
    }

    private static void Succeeded(RefreshRun run) =>
        Assert.True(run.Outcome == RefreshOutcome.Succeeded, $"{WireEnum.Text(run.Outcome)}: {run.Message}");

    private sealed class RecordingTradePublisher : ITradePublisher
    {
        public List<ComtradeRecord> Records { get; } = [];

        public int Published { get; private set; }

        public Task<ParsedDataset> BuildAsync(ComtradeBatch batch, Action<string> note, CancellationToken cancellationToken)
        {
            var records = batch.Records;
            Records.AddRange(records);
            return Task.FromResult(new ParsedDataset("trade-test", records.Count, [], async (store, by, ct) =>
            {
                var prepared = await store.WriteVersionAsync("trade-test", new DatasetContent<ComtradeRecord>(records, []), new Codec(), by, ct);
                Published = prepared.RowCount;
                return prepared;
            }));
        }

        private sealed class Codec : IRowCodec<ComtradeRecord>
        {
            public string Shard(ComtradeRecord row) => row.ReporterCode.ToString(CultureInfo.InvariantCulture);

            public string RowKey(ComtradeRecord row) => $"{row.FlowCode}|{row.CmdCode}|{row.Period}|{row.PartnerCode}";

            public void Write(ComtradeRecord row, TableEntity entity) => entity["NetWgt"] = row.NetWgt;

            public ComtradeRecord Read(TableEntity entity) => throw new NotSupportedException();
        }
    }
}
