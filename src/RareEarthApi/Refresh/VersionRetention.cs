using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh;

/// <summary>
/// Deletes the versions of a dataset older than <see cref="RefreshOptions.KeepVersionsDays"/>: their row partitions
/// and their records. Never the current version nor the one before it (the last one to fall back to).
/// </summary>
internal sealed class VersionRetention(DatasetVersionStore store, IOptions<RefreshOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> PruneAsync(string dataset, CancellationToken cancellationToken)
    {
        var current = (await store.GetCurrentAsync(dataset, cancellationToken))?.Version;
        if (current is null)
        {
            return [];
        }

        var versions = await store.ListVersionsAsync(dataset, cancellationToken);
        var previous = versions.Where(v => v.State == VersionState.Published && string.CompareOrdinal(v.Version, current) < 0).Select(v => v.Version).LastOrDefault();
        var cutoff = time.GetUtcNow().AddDays(-options.Value.KeepVersionsDays);
        var deleted = new List<string>();
        foreach (var v in versions.Where(v => v.Version != current && v.Version != previous && v.CreatedAt < cutoff))
        {
            await store.DeleteVersionAsync(dataset, v.Version, cancellationToken);
            deleted.Add(v.Version);
        }

        return deleted;
    }
}
