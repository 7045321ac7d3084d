namespace RareEarthApi.Datasets;

/// <summary>
/// A registered dataset's bundled rows: published when the store has none (a curated dataset's seed file goes
/// through its own parser, so a bad seed fails loudly), and, where the descriptor asks, the bundled editions a
/// published version lacks added beside what it serves (and the editions a release retired, Seed/retired-editions.csv,
/// withdrawn or replaced).
/// </summary>
internal sealed class DatasetSeed<TRow, TWire>(DatasetDescriptor<TRow, TWire> descriptor, DatasetServices services) : IDatasetSeed
{
    public string Dataset => descriptor.Name;

    public async Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken)
    {
        if (descriptor.Curated is not null)
        {
            var file = descriptor.SeedFile ?? descriptor.Name + ".csv";
            await using var stream = File.OpenRead(SeedFiles.Path(file));
            await descriptor.ParseCurated(stream, file, services).PublishAsync(store, "seed", cancellationToken);
        }
        else
        {
            await store.PublishAsync(descriptor.Name, Bundled(), descriptor.Codec, "seed", cancellationToken);
        }
    }

    public bool AddsMissingEditions => descriptor.AddMissingEditions && descriptor.EditionOf is not null;

    public async Task<IReadOnlyList<string>> AddMissingEditionsAsync(DatasetVersionStore store, DatasetPointer current, CancellationToken cancellationToken)
    {
        if (!descriptor.AddMissingEditions || descriptor.EditionOf is not { } editionOf)
        {
            return [];
        }

        var served = current.Editions.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var bundled = Bundled();
        var retired = RetiredEdition.Read(SeedFiles.Path(RetiredEdition.File));
        var bundledIds = bundled.Editions.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        // Missing editions come in; a replaced one comes in again while the store holds its old record; a withdrawn one
        // goes. What else the store serves (refreshed editions included) is kept as it is.
        var fresh = bundled.Editions.Where(e => !served.TryGetValue(e.Id, out var old)
            || (retired.GetValueOrDefault(e.Id) is { Replaced: true } && old != e)).ToList();
        var withdrawn = current.Editions.Where(e => retired.GetValueOrDefault(e.Id) is { Replaced: false } && !bundledIds.Contains(e.Id)).ToList();
        if (fresh.Count == 0 && withdrawn.Count == 0)
        {
            return [];
        }

        var ids = fresh.Concat(withdrawn).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var rows = await store.LoadRowsAsync(descriptor.Name, current.Version, descriptor.Codec, cancellationToken);
        var incoming = bundled.Rows.Where(r => ids.Contains(editionOf(r))).ToList();
        if (descriptor.CombinationOf is { } combinationOf)
        {
            // Overlapping editions: one edition per combination. A refreshed (not bundled) edition's rows win; the
            // earlier release's bundled rows of a combination the added rows give go.
            var refreshed = rows.Where(r => !bundledIds.Contains(editionOf(r)) && !ids.Contains(editionOf(r))).Select(combinationOf).ToHashSet(StringComparer.Ordinal);
            incoming = [.. incoming.Where(r => !refreshed.Contains(combinationOf(r)))];
            var given = incoming.Select(combinationOf).ToHashSet(StringComparer.Ordinal);
            rows = [.. rows.Where(r => !(bundledIds.Contains(editionOf(r)) && !ids.Contains(editionOf(r)) && given.Contains(combinationOf(r))))];
        }

        var content = new DatasetContent<TRow>(rows, current.Editions)
            .WithEditionsFrom(new DatasetContent<TRow>(incoming, [.. fresh, .. withdrawn]), editionOf);
        await store.SwitchAsync(await store.WriteVersionOnAsync(descriptor.Name, current, content, descriptor.Codec, "seed", cancellationToken), cancellationToken);
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    private DatasetContent<TRow> Bundled() =>
        (descriptor.Seed ?? throw new InvalidOperationException($"{descriptor.Name} declares neither a seed nor a curated file."))(services);
}
