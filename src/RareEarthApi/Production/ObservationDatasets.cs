using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Refresh.Usgs;

namespace RareEarthApi.Production;

/// <summary>A dataset made of the <see cref="Observation"/>s of one measure.</summary>
internal sealed record ObservationDataset(string Measure, DatasetDescriptor<Observation, ObservationJson> Descriptor)
{
    public string Name => Descriptor.Name;

    public string Citation => Descriptor.Text.Citation;
}

/// <summary>The observation datasets (production, reserves): one descriptor shape, a measure each.</summary>
internal static class ObservationDatasets
{
    // Declared before the descriptors that use it: static initialisers run in order.
    /// <summary>commodity: the one commodity resolution of the USGS datasets (<see cref="ObservationCommodities.Filter{TRow}"/>).</summary>
    private static readonly IDatasetFilter<Observation> Commodity = ObservationCommodities.Filter<Observation>(o => (o.Commodity, o.CommodityName));

    /// <summary>stage: the stages asked, as the releases name them (default every stage).</summary>
    private static readonly IDatasetFilter<Observation> Stage = DatasetFilters.Vocabulary<Observation>(
        new("stage", ParameterKind.StringList, "Stages, comma-separated, as the release names them (mine-production, refinery-production, smelter-capacity, …); default every stage.", "mine-production", Values: ObservationStage.All),
        o => o.Stage, _ => ObservationStage.All, DatasetFilters.IgnoringCase, item => $"stage '{item}' is not one the releases name.");

    /// <summary>
    /// version: each figure as it stood in that release version of its edition (the newest at or before it; MCS 2026
    /// 1.0 as first posted, 1.3 as revised); default each figure's newest. Declared before the edition filter, which
    /// takes the newest version of what this keeps.
    /// </summary>
    private static readonly IDatasetFilter<Observation> ReleaseVersion = new DatasetFilter<Observation, string?>(
        [new("version", ParameterKind.String, "A release version of a revised edition (1.0, 1.3): each figure as it stood in that version (the newest version at or before it); default the newest. Each row names its version.", "1.0")],
        (q, c) => Versions.Read(q, c.Snapshot),
        v => [("version", v)],
        (v, _) => v is null ? null : rows => rows.Where(r => Versions.AtOrBefore(r.Version, v)));

    public const string DefaultCommodity = "rare-earths";

    /// <summary>commodity=all: every commodity the dataset serves.</summary>
    public const string AllCommodities = "all";

    /// <summary>edition=latest-table: one consistent table per year (<see cref="WorldTables"/>); declared before the descriptors too.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<Observation>, DatasetSnapshot<Observation>, IEnumerable<Observation>>> EditionModes =
        new(StringComparer.Ordinal) { [WorldTables.LatestTable] = WorldTables.SelectLatestTable };

    public static ObservationDataset Production { get; } = new("mine-production", Describe(new DatasetText(
        "production",
        "Mineral production by country: every commodity of the USGS releases",
        "Production (mine, refinery, smelter, plant, primary) and capacity of every commodity with a world table in the USGS Mineral Commodity Summaries, by country and year, each row with the stage and unit as the release states them; every edition's figure kept.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2016, 2019 and 2021–2026 editions), Minerals Yearbook 2022 (rare earths, table 8) and Data Series 140; compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)"), "mine-production"));

    public static ObservationDataset Reserves { get; } = new("reserves", Describe(new DatasetText(
        "reserves",
        "Mineral reserves by country: every commodity of the USGS releases",
        "Reserves of every commodity the USGS Mineral Commodity Summaries give them for, by country, in the unit each edition states.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2023–2026 editions); compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)"), "reserves"));

    public static IReadOnlyList<ObservationDataset> All { get; } = [Production, Reserves];

    /// <summary>For the OpenAPI document: production and reserves take the same parameters.</summary>
    public static IDatasetDescriptor Descriptor => Production.Descriptor;

    /// <summary>'latest' answers each commodity, stage, country and year from the edition published last.</summary>
    public static (string, string, string, int) LatestKey(Observation o) => (o.Commodity, o.Stage, o.Country, o.Year);

    /// <summary>
    /// Each figure in the newest version of its edition; then one edition's rows, or for latest, per <see cref="LatestKey"/>
    /// the rows of the edition published last: all of them, since one table may print a country twice with qualifiers
    /// ("United States (extracted from natural gas)", "United States (from Cliffside Field)").
    /// </summary>
    public static IEnumerable<Observation> SelectEdition(IEnumerable<Observation> rows, string edition, DatasetSnapshot<Observation> snapshot)
    {
        var newest = Versions.Newest(rows);
        return edition != QueryParts.LatestEdition
            ? newest.Where(r => r.Edition == edition)
            : newest.GroupBy(LatestKey).SelectMany(g =>
            {
                var last = g.MaxBy(r => (snapshot.Edition(r.Edition)?.Published ?? DateOnly.MinValue, r.Edition))!.Edition;
                return g.Where(r => r.Edition == last);
            });
    }

    private static DatasetDescriptor<Observation, ObservationJson> Describe(DatasetText text, string measure) => new()
    {
        Text = text,
        Codec = new ObservationCodec(),
        Seed = services => ObservationSeedDataset.Bundled(services, measure),
        EditionOf = o => o.Edition,
        AddMissingEditions = true,
        Coverage = new(DatasetCoverage.CountedCountries, o => o.Year, o => o.Country, o => o.Edition, o => o.Version),
        Filters =
        [
            Commodity,
            Stage,
            DatasetFilters.Countries<Observation>(
                new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias as sources write it (Burma, Myanmar, MM, MMR), comma-separated. The canonical ISO3 is echoed in meta.query.", "CHN,USA"),
                o => o.Country, DatasetFilters.CatalogAggregate<Observation>(o => o.Country)),
            DatasetFilters.Years<Observation>(o => o.Year),
            ReleaseVersion,
            new DatasetFilter<Observation, string>(
                [new("edition", ParameterKind.String, "latest answers each figure from the newest edition that covers it (a country and the World may then come from different editions; a warning names them where a country exceeds the World); latest-table answers each year from one edition's table, the newest that gives the year a World row; an edition id (usgs-mcs-2025) answers from that edition alone. A revised edition answers in its newest version (each row names it).", "usgs-mcs-2025", QueryParts.LatestEdition)],
                (q, c) => QueryParts.Edition(q, c.Snapshot.Editions.Select(e => e.Id), [.. EditionModes.Keys]),
                v => [("edition", v)],
                (v, query) => EditionModes.GetValueOrDefault(v) is { } mode
                    ? rows => mode(Versions.Newest(rows), query.Context.Snapshot)
                    : rows => SelectEdition(rows, v, query.Context.Snapshot)),
            DatasetFilters.IncludeAggregates<Observation>("Add World and 'Other countries' rows."),
        ],
        Sort = new(
            [("country", o => o.Country), ("year", o => o.Year), ("value", o => o.Value), ("edition", o => o.Edition), ("commodity", o => o.Commodity), ("stage", o => o.Stage)],
            [new("country", false), new("year", false)],
            // Country, year, commodity, stage, qualifier and edition make a total order, so that pages never shuffle between requests.
            [o => o.Country, o => o.Year, o => o.Commodity, o => o.Stage, o => o.CountryQualifier, o => o.Edition],
            "-value,country",
            "Sort fields, comma-separated; '-' before a field sorts descending. Fields: country, year, value, edition, commodity, stage."),
        Warnings = Warnings,
        Wire = query => o => ObservationJson.From(o, query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = ObservationJson.CsvColumns,
        JsonContext = o => new ObservationJsonContext(o),
    };

    /// <summary>
    /// Each country asked that has no figures, none in the years asked, or not all of them; else why nothing matched.
    /// And wherever a country shown is above its year's World row under the same edition choice, shown or not.
    /// </summary>
    private static IEnumerable<string> Warnings(DatasetQuery<Observation> query, DatasetMatch<Observation> match)
    {
        var snapshot = query.Context.Snapshot;
        var edition = query.Edition ?? QueryParts.LatestEdition;
        var worldRows = snapshot.Rows.Where(r => r.Country == WorldTables.World);
        var world = EditionModes.GetValueOrDefault(edition) is { } mode ? mode(Versions.Newest(worldRows), snapshot) : SelectEdition(worldRows, edition, snapshot);
        return CoverageWarnings(query, match).Concat(WorldTables.AboveWorld(match.Rows, world, query.Context.Services.Countries));
    }

    private static List<string> CoverageWarnings(DatasetQuery<Observation> query, DatasetMatch<Observation> match)
    {
        var countries = query.Context.Services.Countries;
        var warnings = new List<string>();
        var editionText = query.Edition == QueryParts.LatestEdition ? "" : $" in edition {query.Edition}";
        foreach (var iso3 in query.List("country"))
        {
            var name = countries.ByIso3(iso3)?.Name ?? iso3;
            var years = match.InScope.Where(r => r.Country == iso3).Select(r => r.Year).ToList();
            if (years.Count == 0)
            {
                warnings.Add($"{name} ({iso3}) has no figures{editionText}.");
            }
            else if (match.Rows.All(r => r.Country != iso3))
            {
                warnings.Add($"{name} ({iso3}) has figures{editionText} for {years.Min()}–{years.Max()}, none in {QueryParts.Range(query.Start, query.End)}.");
            }
            else if ((query.Start is { } start && years.Min() > start) || (query.End is { } end && years.Max() < end))
            {
                // Some rows match, but the country's figures begin after start or stop before end: say which years they cover.
                warnings.Add($"{name} ({iso3}) has figures{editionText} for {(years.Min() == years.Max() ? $"{years.Min()}" : $"{years.Min()}–{years.Max()}")} only, not the whole of {QueryParts.Range(query.Start, query.End)}.");
            }
        }

        if (match.Rows.Count == 0 && warnings.Count == 0)
        {
            warnings.Add(QueryParts.NoRows($"figures{editionText}", $"No figures{editionText} for this selection.",
                match.InScope.Select(r => r.Year).ToList(), query.Start, query.End));
        }

        return warnings;
    }
}

/// <summary>
/// The bundled USGS figures, shared by the observation datasets: the real data-release files under Seed/raw, parsed
/// by the USGS refresh's own code (<see cref="UsgsEditions"/>), and the tables of editions with no machine-readable
/// release (Seed/observations.csv, Seed/editions.csv). An edition comes from one of the two, never both.
/// </summary>
internal static class ObservationSeedDataset
{
    /// <summary>The bundled rows of one measure and the editions they cite.</summary>
    public static DatasetContent<Observation> Bundled(DatasetServices services, string measure)
    {
        var content = Read(services.Countries, services.BundledReleaseFiles());
        var rows = content.Rows.Where(o => o.Measure == measure).ToList();
        return new DatasetContent<Observation>(rows, [.. content.Editions.Where(e => rows.Any(r => r.Edition == e.Id))]);
    }

    public static DatasetContent<Observation> Read(CountryCatalog countries, UsgsCommodityNames names) =>
        Read(countries, BundledFiles(countries, names));

    private static DatasetContent<Observation> Read(CountryCatalog countries, IReadOnlyList<UsgsEditionParse> files)
    {
        using var editionsReader = new StreamReader(SeedFiles.Path("editions.csv"));
        var editions = SourceEditions.Read(editionsReader, "editions.csv");
        using var rowsReader = new StreamReader(SeedFiles.Path("observations.csv"));
        var rows = ObservationSeed.ReadObservations(rowsReader, "observations.csv", countries, editions);
        var twice = files.Select(f => f.Edition.Id).Intersect(editions.Select(e => e.Id), StringComparer.Ordinal).ToList();
        if (twice.Count > 0)
        {
            throw new InvalidDataException($"editions.csv lists {string.Join(", ", twice)}, which Seed/raw bundles as release files: one copy of each figure.");
        }

        // A rejected bundled edition is left out (BundledReleaseFilesTests keeps every one accepted).
        var accepted = files.Where(f => f.Accepted).ToList();
        return new DatasetContent<Observation>([.. rows, .. accepted.SelectMany(f => f.Rows)], [.. editions, .. accepted.Select(f => f.Edition)]);
    }

    /// <summary>The bundled release files' editions, parsed; the rejected ones say why.</summary>
    public static IReadOnlyList<UsgsEditionParse> BundledFiles(CountryCatalog countries, UsgsCommodityNames names) =>
        UsgsBundledFiles.Parse(SeedFiles.Path("raw"), countries, names);
}
