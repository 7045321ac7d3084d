using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.Datasets;

/// <summary>What any dataset declares, whatever its row type: the OpenAPI document reads its parameters without a host.</summary>
internal interface IDatasetDescriptor
{
    string Name { get; }

    DatasetText Text { get; }

    /// <summary>Every query parameter, in the order the route documents and reads them.</summary>
    IReadOnlyList<ParameterSpec> Parameters { get; }
}

/// <summary>The reference catalogs and clock a dataset's filters, parser and wire shape may use.</summary>
internal sealed record DatasetServices(CountryCatalog Countries, CommodityCatalog Commodities, TimeProvider Time)
{
    // Production, reserves and the two U.S. tables all seed from the same bundled release files: parse them once
    // while the seeds run, without holding the parsed rows for the life of the process (a weak reference).
    private readonly WeakReference<IReadOnlyList<UsgsEditionParse>?> bundledReleaseFiles = new(null);
    private readonly Lock bundledReleaseFilesLock = new();

    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>The bundled USGS release files (Seed/raw), parsed; the rejected editions say why.</summary>
    public IReadOnlyList<UsgsEditionParse> BundledReleaseFiles()
    {
        lock (bundledReleaseFilesLock)
        {
            if (!bundledReleaseFiles.TryGetTarget(out var files) || files is null)
            {
                files = ObservationSeedDataset.BundledFiles(Countries, Commodities.UsgsNames);
                bundledReleaseFiles.SetTarget(files);
            }

            return files;
        }
    }
}

/// <summary>
/// How the catalog counts a dataset's coverage: years, countries (in which role) and editions of its rows, and, for a
/// dataset whose editions are revised after publication, the release version each row's figure stands in.
/// </summary>
internal sealed record DatasetCoverageKeys<TRow>(string CountriesCounted, Func<TRow, int?> Year, Func<TRow, string> Country, Func<TRow, string?> Edition, Func<TRow, string>? Version = null);

/// <summary>
/// sort=: the fields a route sorts by, its default order, and the keys that make the order total so pages never
/// shuffle. Description and example of the parameter default to the field list.
/// </summary>
internal sealed record DatasetSort<TRow>(
    IReadOnlyList<(string Field, Func<TRow, IComparable?> Key)> Fields,
    IReadOnlyList<SortKey> Default,
    IReadOnlyList<Func<TRow, IComparable?>> TieBreak,
    string Example = "-value",
    string? Description = null)
{
    public IReadOnlyList<string> FieldNames { get; } = Fields.Select(f => f.Field).ToList();

    public ParameterSpec Parameter => new("sort", ParameterKind.StringList,
        Description ?? $"Sort fields, comma-separated; '-' sorts descending. Fields: {string.Join(", ", FieldNames)}.", Example, QueryParts.Text(Default));
}

/// <summary>A curated file's parser: the bundled seed, a refreshed and an uploaded file all go through it.</summary>
internal delegate (DatasetContent<TRow> Content, IReadOnlyList<string> Problems) CuratedParser<TRow>(Stream content, string fileName, DatasetServices services);

/// <summary>
/// One dataset, declared once: its name and catalog text, how rows are stored (codec), where its bundled rows come
/// from (a seed reader, or a curated file and its parser), what the catalog counts, the query it takes (declared
/// filters, sort), and how a row goes on the wire (JSON type, CSV columns). <c>services.AddDataset</c> wires the
/// rest: seed, curated refresh, catalog entry, route handler; the OpenAPI document takes <see cref="Parameters"/>.
/// </summary>
internal sealed class DatasetDescriptor<TRow, TWire> : IDatasetDescriptor
{
    private IReadOnlyList<ParameterSpec>? _parameters;
    private JsonTypeInfo<Envelope<TWire>>? _jsonType;

    public required DatasetText Text { get; init; }

    public string Name => Text.Name;

    public required IRowCodec<TRow> Codec { get; init; }

    /// <summary>The bundled rows, for a dataset that is not a curated file.</summary>
    public Func<DatasetServices, DatasetContent<TRow>>? Seed { get; init; }

    /// <summary>The bundled curated file (Seed/&lt;SeedFile&gt;), read by <see cref="Curated"/>.</summary>
    public string? SeedFile { get; init; }

    /// <summary>A curated dataset's parser: set, the dataset takes refreshes from Refresh:Curated:&lt;Name&gt;Url and uploads.</summary>
    public CuratedParser<TRow>? Curated { get; init; }

    /// <summary>The edition each row cites; with <see cref="AddMissingEditions"/> a new release's bundled editions are added beside what is served.</summary>
    public Func<TRow, string>? EditionOf { get; init; }

    public bool AddMissingEditions { get; init; }

    /// <summary>
    /// With <see cref="AddMissingEditions"/>, the combination a row belongs to (trade: reporter × HS × flow × year ×
    /// basis, every partner), for a dataset whose editions overlap: an added edition's rows replace the served rows of
    /// their combinations that come from bundled editions (an earlier release's own rows), and give way where a served
    /// edition the release does not bundle (a refresh's) has the combination. Unset, editions are added whole.
    /// </summary>
    public Func<TRow, string>? CombinationOf { get; init; }

    public required DatasetCoverageKeys<TRow> Coverage { get; init; }

    public required IReadOnlyList<IDatasetFilter<TRow>> Filters { get; init; }

    /// <summary>sort=; without it the rows come in <see cref="Order"/>.</summary>
    public DatasetSort<TRow>? Sort { get; init; }

    public Func<IEnumerable<TRow>, IEnumerable<TRow>>? Order { get; init; }

    /// <summary>What a valid query is told about its answer (no rows, partial coverage...).</summary>
    public Func<DatasetQuery<TRow>, DatasetMatch<TRow>, IEnumerable<string>>? Warnings { get; init; }

    public required Func<DatasetQuery<TRow>, Func<TRow, TWire>> Wire { get; init; }

    public required IReadOnlyList<CsvColumn<TWire>> CsvColumns { get; init; }

    /// <summary>The compile-time JSON context of the wire type (<c>o =&gt; new XJsonContext(o)</c>), bound to the API's options.</summary>
    public required Func<JsonSerializerOptions, JsonSerializerContext> JsonContext { get; init; }

    // Built on first use: a context's metadata costs start-up tens of milliseconds, and a start serves one dataset first.
    public JsonTypeInfo<Envelope<TWire>> JsonType => _jsonType ??= ApiJson.TypeInfo<Envelope<TWire>>(JsonContext);

    /// <summary>A curated file parsed and checked; its publish refuses a file with any problem.</summary>
    public ParsedDataset ParseCurated(Stream content, string fileName, DatasetServices services)
    {
        var parser = Curated ?? throw new InvalidOperationException($"{Name} is not a curated dataset.");
        var (parsed, problems) = parser(content, fileName, services);
        return CuratedFile.Parsed(Name, fileName, parsed, problems, Codec);
    }

    public IReadOnlyList<ParameterSpec> Parameters => _parameters ??=
    [
        .. Filters.SelectMany(f => f.Parameters),
        ResponseFormats.Parameter,
        ResponseFormats.Bom,
        QueryParts.Limit,
        QueryParts.Cursor,
        .. Sort is null ? [] : new[] { Sort.Parameter },
    ];
}
