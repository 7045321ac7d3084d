using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>The Comtrade refresh against a loopback server answering in the API's JSON format.</summary>
public sealed class ComtradeRefreshTests : RefreshTestBase
{
    private const string Preview = "/public/v1/preview/C/A/HS";

    internal static string Response(params (int Partner, string Iso, double Kg, double Usd)[] rows) =>
        "{\"elapsedTime\":\"0.1 secs\",\"count\":" + rows.Length + ",\"data\":[" + string.Join(",", rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{{\"typeCode\":\"C\",\"freqCode\":\"A\",\"period\":\"{{PERIOD}}\",\"reporterCode\":156,\"reporterISO\":\"CHN\",\"flowCode\":\"M\",\"partnerCode\":{r.Partner},\"partnerISO\":\"{r.Iso}\",\"partner2Code\":0,\"classificationCode\":\"H6\",\"cmdCode\":\"2846\",\"customsCode\":\"C00\",\"motCode\":0,\"qtyUnitAbbr\":\"kg\",\"qty\":{r.Kg},\"netWgt\":{r.Kg},\"cifvalue\":{r.Usd},\"fobvalue\":null,\"primaryValue\":{r.Usd},\"isReported\":false,\"isAggregate\":{(r.Partner == 0 ? "true" : "false")}}}"))) +
        "],\"error\":\"\"}";

    private static Func<HttpContext, Task> Answer(params (int Partner, string Iso, double Kg, double Usd)[] rows) => async context =>
    {
        var periods = context.Request.Query["period"].ToString().Split(',');
        var body = "{\"elapsedTime\":\"0.1 secs\",\"count\":" + (rows.Length * periods.Length) + ",\"data\":[" +
                   string.Join(",", periods.Select(p => Response(rows).Split("\"data\":[")[1].Split("],\"error\"")[0].Replace("{PERIOD}", p, StringComparison.Ordinal))) +
                   "],\"error\":\"\"}";
        await FakeSourceServer.Bytes(Encoding.UTF8.GetBytes(body), "application/json")(context);
    };

    [Fact]
    public async Task Comtrade_429WithRetryAfter_WaitsThenParses_AndArchivesTheResponse()
    {
        Server.Serve(Preview, FakeSourceServer.Status(429, retryAfterSeconds: 1),
            Answer((0, "W00", 77025454.404, 1386613152), (104, "MMR", 44366000, 600000000), (458, "MYS", 16345000, 300000000)));
        await using var host = await StartHostAsync();
        var started = DateTimeOffset.UtcNow;

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal("not-published", run.GetProperty("outcome").GetString());
        Assert.Contains("6 Comtrade records from 1 calls", run.GetProperty("message").GetString());
        Assert.Equal(2, Server.Hits(Preview));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1), "the retry came before Retry-After said");
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

        Assert.Equal("succeeded", run.GetProperty("outcome").GetString());
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
        await using var host = await StartHostAsync(("Refresh:Comtrade:MaxRecords", "4"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal("not-published", run.GetProperty("outcome").GetString());
        Assert.Equal(1, multi);
        Assert.Equal(3, Server.Hits(Preview));
        Assert.Contains("4 Comtrade records from 2 calls", run.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Comtrade_OneYearStillAtTheCap_FailsRatherThanTruncating()
    {
        Server.Serve(Preview, Answer((0, "W00", 1, 1), (104, "MMR", 2, 2)));
        await using var host = await StartHostAsync(("Refresh:Comtrade:MaxRecords", "2"));

        var (_, run) = await PostRefreshAsync(host, "comtrade");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        Assert.Contains("truncated", run.GetProperty("message").GetString());
    }

    private sealed class RecordingTradePublisher : ITradePublisher
    {
        public List<ComtradeRecord> Records { get; } = [];

        public int Published { get; private set; }

        public ParsedDataset Build(IReadOnlyList<ComtradeRecord> records)
        {
            Records.AddRange(records);
            return new ParsedDataset("trade-test", records.Count, [], async (store, by, ct) =>
            {
                var pointer = await store.PublishAsync("trade-test", new DatasetContent<ComtradeRecord>(records, []), new Codec(), by, ct);
                Published = pointer.RowCount;
                return pointer;
            });
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
