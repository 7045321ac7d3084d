using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh;

/// <summary>
/// One source the pipeline refreshes: it fetches (each file archived as it arrives) and parses into datasets;
/// the pipeline does the rest (hash check, validation, publish, retention, the run record).
/// </summary>
internal interface IRefreshSource
{
    /// <summary>The source id in the runs table, the lock and the admin route: usgs, comtrade, curated.</summary>
    string Name { get; }

    /// <summary>The datasets this source publishes.</summary>
    IReadOnlyList<string> Datasets { get; }

    Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken);

    Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken);
}

/// <summary>One run's working state: a temporary folder for the downloads, and notes for the run record.</summary>
internal sealed class RefreshContext(string source, SourceDownloader downloader) : IDisposable
{
    private readonly List<string> _notes = [];
    private readonly Dictionary<Type, object> _state = [];

    public string Source { get; } = source;

    public SourceDownloader Downloader { get; } = downloader;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("refresh-" + source + "-").FullName;

    public IReadOnlyList<string> Notes => _notes;

    public void Note(string note)
    {
        lock (_notes)
        {
            _notes.Add(note);
        }
    }

    /// <summary>A source's own state for this run, from its fetch to its parse (one instance per type and run).</summary>
    public T State<T>()
        where T : class, new()
    {
        lock (_state)
        {
            if (!_state.TryGetValue(typeof(T), out var state))
            {
                _state[typeof(T)] = state = new T();
            }

            return (T)state;
        }
    }

    public Task<ArchivedFile> DownloadAsync(Uri url, string name, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        Downloader.DownloadAsync(Source, url, name, Directory, headers, cancellationToken);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the OS cleans it eventually.
        }
    }
}
