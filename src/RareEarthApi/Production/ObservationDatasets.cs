using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>A dataset made of <see cref="Observation"/>s of one measure.</summary>
public sealed record ObservationDataset(string Name, string Measure, string Title, string Description, string Citation, string License);

/// <summary>The observation datasets the API serves, and the way to their current in-memory version.</summary>
internal sealed class ObservationDatasets(SnapshotCache cache)
{
    public static readonly ObservationDataset Production = new(
        "production",
        "mine-production",
        "Rare-earth mine production by country",
        "Mine production in metric tons of rare-earth-oxide (REO) equivalent, by country and year, every edition's figure kept.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2016, 2019 and 2022–2026 editions), Minerals Yearbook 2022 (rare earths, table 8) and Data Series 140; compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)");

    public static readonly ObservationDataset Reserves = new(
        "reserves",
        "reserves",
        "Rare-earth reserves by country",
        "Reserves in metric tons of rare-earth-oxide (REO) equivalent, by country, as each edition states them.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2023–2026 editions); compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)");

    public static IReadOnlyList<ObservationDataset> All { get; } = [Production, Reserves];

    public ObservationCodec Codec { get; } = new();

    public ValueTask<DatasetSnapshot<Observation>> GetAsync(ObservationDataset dataset, CancellationToken cancellationToken) =>
        cache.GetAsync(dataset.Name, Codec, cancellationToken);
}

/// <summary>The bundled USGS figures (Seed/observations.csv, Seed/editions.csv), one seed per measure.</summary>
internal sealed class ObservationSeedDataset(ObservationDataset dataset, CountryCatalog countries) : IDatasetSeed
{
    public string Dataset => dataset.Name;

    public Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken) =>
        store.PublishAsync(dataset.Name, Bundled(), new ObservationCodec(), "seed", cancellationToken);

    public async Task<IReadOnlyList<string>> AddMissingEditionsAsync(DatasetVersionStore store, DatasetPointer current, CancellationToken cancellationToken)
    {
        var served = current.Editions.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var bundled = Bundled();
        var missing = bundled.Editions.Where(e => !served.Contains(e.Id)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var codec = new ObservationCodec();
        var ids = missing.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var rows = await store.LoadRowsAsync(dataset.Name, current.Version, codec, cancellationToken);
        var content = new DatasetContent<Observation>(rows, current.Editions)
            .WithEditionsFrom(new DatasetContent<Observation>([.. bundled.Rows.Where(r => ids.Contains(r.Edition))], missing), r => r.Edition);
        await store.SwitchAsync(await store.WriteVersionOnAsync(dataset.Name, current, content, codec, "seed", cancellationToken), cancellationToken);
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>The bundled rows of this dataset's measure and the editions they cite.</summary>
    private DatasetContent<Observation> Bundled()
    {
        var content = Read(countries);
        var rows = content.Rows.Where(o => o.Measure == dataset.Measure).ToList();
        return new DatasetContent<Observation>(rows, [.. content.Editions.Where(e => rows.Any(r => r.Edition == e.Id))]);
    }

    public static DatasetContent<Observation> Read(CountryCatalog countries)
    {
        using var editionsReader = new StreamReader(SeedFiles.Path("editions.csv"));
        var editions = ObservationSeed.ReadEditions(editionsReader, "editions.csv");
        using var rowsReader = new StreamReader(SeedFiles.Path("observations.csv"));
        var rows = ObservationSeed.ReadObservations(rowsReader, "observations.csv", countries, editions);
        return new DatasetContent<Observation>(rows, editions);
    }
}
