using Azure;
using Microsoft.Extensions.DependencyInjection;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.Refresh;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Refresh;

/// <summary>A refresh that publishes several datasets writes them all before it serves any.</summary>
public sealed class MultiDatasetPublishTests
{
    [Fact]
    public async Task SecondDatasetFailsToWrite_TheFirstIsNotServedEither()
    {
        await using var host = await ApiHost.StartAsync(configure: b => b.Services.AddSingleton<IRefreshSource>(sp =>
            new TwoDatasetSource(sp.GetRequiredService<CountryCatalog>())));
        var versionBefore = await ProductionVersionAsync(host);

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/refresh/pair");
        request.Headers.Add("x-functions-key", "test-key");
        using var response = await host.Client.SendAsync(request);
        var run = await response.ReadWireAsync<RefreshRun>();

        Assert.Equal(RefreshOutcome.Failed, run.Outcome);
        Assert.Equal(versionBefore, await ProductionVersionAsync(host));
        var china = await host.Client.ReadEnvelope<ObservationJson>("api/v1/production?country=CHN&year=2024");
        Assert.Equal(270000, Assert.Single(china.Data).Value);
    }

    private static async Task<string?> ProductionVersionAsync(ApiHost host) =>
        (await host.Client.ReadEnvelope<DatasetInfo>("api/v1/datasets")).Data.Single(d => d.Name == "production").DataVersion;

    /// <summary>Production with China 2024 revised, then reserves whose write fails (storage lost between the two).</summary>
    private sealed class TwoDatasetSource(CountryCatalog countries) : IRefreshSource
    {
        public string Name => "pair";

        public IReadOnlyList<string> Datasets => ["production", "reserves"];

        public Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ArchivedFile>>([new ArchivedFile("pair.csv", "http://127.0.0.1/pair.csv", "", Guid.NewGuid().ToString("N"), 0, "pair/pair.csv", null)]);

        public Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken)
        {
            var seed = ObservationSeedDataset.Read(countries, SeedCatalogs.CommodityNames);
            var production = seed.Rows.Where(r => r.Measure == "mine-production")
                .Select(r => r is { Country: "CHN", Year: 2024 } ? r with { Value = 999999 } : r).ToList();
            var content = new DatasetContent<Observation>(production, seed.Editions);
            return Task.FromResult<IReadOnlyList<ParsedDataset>>(
            [
                new ParsedDataset("production", production.Count, [], (store, by, ct) => store.WriteVersionAsync("production", content, new ObservationCodec(), by, ct)),
                new ParsedDataset("reserves", 52, [], (_, _, _) => throw new RequestFailedException(503, "Injected: storage lost while writing the second dataset.")),
            ]);
        }
    }
}
