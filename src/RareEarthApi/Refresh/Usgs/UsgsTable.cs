using RareEarthApi.Datasets;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>
/// One dataset the USGS refresh publishes from the parsed editions (production, reserves, us-statistics,
/// us-import-sources): where its rows of an edition are, and how the served version and the accepted editions merge.
/// </summary>
internal interface IUsgsTable
{
    string Name { get; }

    Task<IUsgsServedTable> LoadAsync(DatasetVersionStore store, CancellationToken cancellationToken);
}

/// <summary>A table with the version served when the run began.</summary>
internal interface IUsgsServedTable
{
    /// <summary>Why an edition looks incomplete: far fewer rows than the served version has for it.</summary>
    IEnumerable<string> RowDrops(UsgsEditionParse edition, double maxDropFraction);

    /// <summary>The served rows with the accepted editions' rows in place of theirs, written on the version read.</summary>
    ParsedDataset Publish(IReadOnlyList<UsgsEditionParse> editions, IReadOnlyList<string> problems, IReadOnlyList<string> rejected);
}

/// <summary>The datasets the USGS files feed.</summary>
internal static class UsgsTables
{
    /// <summary>Every dataset the USGS files feed, in catalog order.</summary>
    public static IReadOnlyList<IUsgsTable> All { get; } =
    [
        .. ObservationDatasets.All.Select(d => (IUsgsTable)new UsgsTable<Observation>(d.Name, new ObservationCodec(),
            e => [.. e.Rows.Where(r => r.Measure == d.Measure)], r => r.Edition, (served, editions) => UsgsEditions.Merge(served, editions, d.Measure))),
        new UsgsTable<UsStatistic>(UsStatisticsDataset.Name, new UsStatisticCodec(), e => e.Us.Statistics, r => r.Edition,
            (served, editions) => UsgsEditions.Merge(served, editions, e => e.Us.Statistics, r => r.Edition)),
        new UsgsTable<UsImportSource>(UsImportSourcesDataset.Name, new UsImportSourceCodec(), e => e.Us.ImportSources, r => r.Edition,
            (served, editions) => UsgsEditions.Merge(served, editions, e => e.Us.ImportSources, r => r.Edition)),
    ];
}

internal sealed class UsgsTable<TRow>(
    string name, IRowCodec<TRow> codec, Func<UsgsEditionParse, IReadOnlyList<TRow>> rowsOf, Func<TRow, string> editionOf,
    Func<DatasetContent<TRow>, IReadOnlyList<UsgsEditionParse>, DatasetContent<TRow>> merge) : IUsgsTable
{
    public string Name => name;

    private IRowCodec<TRow> Codec => codec;

    private IReadOnlyList<TRow> RowsOf(UsgsEditionParse edition) => rowsOf(edition);

    private string EditionOf(TRow row) => editionOf(row);

    private DatasetContent<TRow> Merge(DatasetContent<TRow> served, IReadOnlyList<UsgsEditionParse> editions) => merge(served, editions);

    public async Task<IUsgsServedTable> LoadAsync(DatasetVersionStore store, CancellationToken cancellationToken)
    {
        var current = await store.GetCurrentAsync(name, cancellationToken);
        var rows = current is null ? [] : await store.LoadRowsAsync(name, current.Version, codec, cancellationToken);
        return new Served(this, current, new DatasetContent<TRow>(rows, current?.Editions ?? []));
    }

    private sealed class Served(UsgsTable<TRow> table, DatasetPointer? current, DatasetContent<TRow> content) : IUsgsServedTable
    {
        public IEnumerable<string> RowDrops(UsgsEditionParse edition, double maxDropFraction)
        {
            var before = content.Rows.Count(r => table.EditionOf(r) == edition.Edition.Id);
            var after = table.RowsOf(edition).Count;
            if (edition.Problems.Count == 0 && before > 0 && after < before * (1 - maxDropFraction))
            {
                yield return $"{after} {table.Name} rows where the served version has {before} " +
                             $"(more than Refresh:MaxRowDropFraction {maxDropFraction:P0} fewer); the file looks incomplete.";
            }
        }

        public ParsedDataset Publish(IReadOnlyList<UsgsEditionParse> editions, IReadOnlyList<string> problems, IReadOnlyList<string> rejected)
        {
            var merged = table.Merge(content, editions);
            return new ParsedDataset(table.Name, merged.Rows.Count, problems,
                (versionStore, publishedBy, ct) => versionStore.WriteVersionOnAsync(table.Name, current, merged, table.Codec, publishedBy, ct))
            {
                Rejected = problems.Count == 0 ? rejected : [],
            };
        }
    }
}
