using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh.Curated;

/// <summary>
/// Curated files (refining shares, restriction events) fetched from their configured addresses and parsed by the
/// registered <see cref="ICuratedDataset"/> of each dataset, in the bundled seed's format.
/// </summary>
internal sealed class CuratedSource(IEnumerable<ICuratedDataset> curated, IOptions<CuratedRefreshOptions> options) : IRefreshSource
{
    public const string SourceName = "curated";

    // The last registration of a dataset wins, so a host can replace one dataset's parser.
    private readonly Dictionary<string, ICuratedDataset> _byDataset = curated.GroupBy(c => c.Dataset, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public string Name => SourceName;

    public IReadOnlyList<string> Datasets => _byDataset.Keys.Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken)
    {
        var files = new List<ArchivedFile>();
        foreach (var (dataset, url) in options.Value.Urls().OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!_byDataset.ContainsKey(dataset))
            {
                context.Note($"{dataset}: an address is configured but no parser is registered for it; skipped.");
                continue;
            }

            var uri = new Uri(url);
            var name = Path.GetFileName(uri.LocalPath) is { Length: > 0 } n ? n : dataset + ".csv";
            files.Add(await context.DownloadAsync(uri, $"{dataset}/{name}", cancellationToken));
        }

        return files;
    }

    public Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken) =>
        Task.FromResult(Parse(files, _byDataset));

    internal static IReadOnlyList<ParsedDataset> Parse(IReadOnlyList<ArchivedFile> files, IReadOnlyDictionary<string, ICuratedDataset> byDataset)
    {
        var parsed = new List<ParsedDataset>();
        foreach (var file in files)
        {
            var parts = file.Name.Split('/', 2);
            using var stream = File.OpenRead(file.Path);
            parsed.Add(byDataset[parts[0]].Parse(stream, parts[1]));
        }

        return parsed;
    }
}

/// <summary>A file uploaded through the admin route: archived and run through the pipeline like a download.</summary>
internal sealed class CuratedUpload(ICuratedDataset dataset, Stream content, string fileName) : IRefreshSource
{
    public string Name => CuratedSource.SourceName;

    public IReadOnlyList<string> Datasets { get; } = [dataset.Dataset];

    /// <summary>The body was longer than Refresh:MaxUploadMegabytes (the run failed; the route answers 413).</summary>
    public bool TooLarge { get; private set; }

    public async Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken)
    {
        try
        {
            return [await context.Downloader.SaveUploadAsync(Name, content, $"{dataset.Dataset}/{fileName}", context.Directory, cancellationToken)];
        }
        catch (UploadTooLargeException)
        {
            TooLarge = true;
            throw;
        }
    }

    public Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken) =>
        Task.FromResult(CuratedSource.Parse(files, new Dictionary<string, ICuratedDataset> { [dataset.Dataset] = dataset }));
}
