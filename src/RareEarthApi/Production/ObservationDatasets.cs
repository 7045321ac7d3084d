using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

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
    /// <summary>commodity: one of the commodities the dataset's rows name (rare-earths by default).</summary>
    private static readonly IDatasetFilter<Observation> Commodity = new DatasetFilter<Observation, string>(
        [new("commodity", ParameterKind.String, "Commodity id.", "rare-earths", "rare-earths")],
        (q, c) =>
        {
            var commodities = c.Snapshot.Rows.Select(r => r.Commodity).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var commodity = q.Single("commodity") ?? "rare-earths";
            if (!commodities.Contains(commodity))
            {
                var near = commodities.Where(k => k.Contains(commodity, StringComparison.OrdinalIgnoreCase) || commodity.Contains(k, StringComparison.OrdinalIgnoreCase)).ToList();
                q.Fail("commodity", commodity, $"commodity '{commodity}' is not in this dataset.", commodities, near.Count > 0 ? near : null);
            }

            return commodity;
        },
        v => [("commodity", v)],
        (v, _) => rows => rows.Where(r => r.Commodity == v));

    /// <summary>edition=latest-table: one consistent table per year (<see cref="WorldTables"/>); declared before the descriptors too.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<Observation>, DatasetSnapshot<Observation>, IEnumerable<Observation>>> EditionModes =
        new(StringComparer.Ordinal) { [WorldTables.LatestTable] = WorldTables.SelectLatestTable };

    public static ObservationDataset Production { get; } = new("mine-production", Describe(new DatasetText(
        "production",
        "Rare-earth mine production by country",
        "Mine production in metric tons of rare-earth-oxide (REO) equivalent, by country and year, every edition's figure kept.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2016, 2019 and 2021–2026 editions), Minerals Yearbook 2022 (rare earths, table 8) and Data Series 140; compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)"), "mine-production"));

    public static ObservationDataset Reserves { get; } = new("reserves", Describe(new DatasetText(
        "reserves",
        "Rare-earth reserves by country",
        "Reserves in metric tons of rare-earth-oxide (REO) equivalent, by country, as each edition states them.",
        "U.S. Geological Survey, Mineral Commodity Summaries (2023–2026 editions); compiled by RareEarthApi.",
        "Public domain (U.S. Geological Survey)"), "reserves"));

    public static IReadOnlyList<ObservationDataset> All { get; } = [Production, Reserves];

    /// <summary>For the OpenAPI document: production and reserves take the same parameters.</summary>
    public static IDatasetDescriptor Descriptor => Production.Descriptor;

    /// <summary>'latest' answers each commodity, country and year from the edition published last.</summary>
    public static (string, string, int) LatestKey(Observation o) => (o.Commodity, o.Country, o.Year);

    private static DatasetDescriptor<Observation, ObservationJson> Describe(DatasetText text, string measure) => new()
    {
        Text = text,
        Codec = new ObservationCodec(),
        Seed = services => ObservationSeedDataset.Bundled(services.Countries, measure),
        EditionOf = o => o.Edition,
        AddMissingEditions = true,
        Coverage = new(DatasetCoverage.CountedCountries, o => o.Year, o => o.Country, o => o.Edition),
        Filters =
        [
            Commodity,
            DatasetFilters.Countries<Observation>(
                new("country", ParameterKind.StringList, "Countries as ISO3, ISO2 or a name or alias as sources write it (Burma, Myanmar, MM, MMR), comma-separated. The canonical ISO3 is echoed in meta.query.", "CHN,USA"),
                o => o.Country, DatasetFilters.CatalogAggregate<Observation>(o => o.Country)),
            DatasetFilters.Years<Observation>(o => o.Year),
            DatasetFilters.Edition<Observation, (string, string, int)>(
                new("edition", ParameterKind.String, "latest answers each figure from the newest edition that covers it (a country and the World may then come from different editions; a warning names them where a country exceeds the World); latest-table answers each year from one edition's table, the newest that gives the year a World row; an edition id (usgs-mcs-2025) answers from that edition alone.", "usgs-mcs-2025", QueryParts.LatestEdition),
                o => o.Edition, LatestKey, EditionModes),
            DatasetFilters.IncludeAggregates<Observation>("Add World and 'Other countries' rows."),
        ],
        Sort = new(
            [("country", o => o.Country), ("year", o => o.Year), ("value", o => o.Value), ("edition", o => o.Edition)],
            [new("country", false), new("year", false)],
            // Country, year and edition make a total order, so that pages never shuffle between requests.
            [o => o.Country, o => o.Year, o => o.Edition],
            "-value,country",
            "Sort fields, comma-separated; '-' before a field sorts descending. Fields: country, year, value, edition."),
        Warnings = Warnings,
        Wire = query => o => ObservationJson.From(o, query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = ObservationJson.CsvColumns,
        JsonType = ApiJson.TypeInfo<Envelope<ObservationJson>>(o => new ObservationJsonContext(o)),
    };

    /// <summary>The rows <paramref name="edition"/> selects, as the edition filter selects them.</summary>
    private static IEnumerable<Observation> SelectEdition(IEnumerable<Observation> rows, string edition, DatasetSnapshot<Observation> snapshot) =>
        EditionModes.GetValueOrDefault(edition) is { } mode ? mode(rows, snapshot) : EditionSelection.Select(rows, edition, snapshot, o => o.Edition, LatestKey);

    /// <summary>
    /// Each country asked that has no figures, none in the years asked, or not all of them; else why nothing matched.
    /// And wherever a country shown is above its year's World row under the same edition choice, shown or not.
    /// </summary>
    private static IEnumerable<string> Warnings(DatasetQuery<Observation> query, DatasetMatch<Observation> match)
    {
        var snapshot = query.Context.Snapshot;
        var world = SelectEdition(snapshot.Rows.Where(r => r.Country == WorldTables.World), query.Edition ?? QueryParts.LatestEdition, snapshot);
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

/// <summary>The bundled USGS figures (Seed/observations.csv, Seed/editions.csv), shared by the observation datasets.</summary>
internal static class ObservationSeedDataset
{
    /// <summary>The bundled rows of one measure and the editions they cite.</summary>
    public static DatasetContent<Observation> Bundled(CountryCatalog countries, string measure)
    {
        var content = Read(countries);
        var rows = content.Rows.Where(o => o.Measure == measure).ToList();
        return new DatasetContent<Observation>(rows, [.. content.Editions.Where(e => rows.Any(r => r.Edition == e.Id))]);
    }

    public static DatasetContent<Observation> Read(CountryCatalog countries)
    {
        using var editionsReader = new StreamReader(SeedFiles.Path("editions.csv"));
        var editions = SourceEditions.Read(editionsReader, "editions.csv");
        using var rowsReader = new StreamReader(SeedFiles.Path("observations.csv"));
        var rows = ObservationSeed.ReadObservations(rowsReader, "observations.csv", countries, editions);
        return new DatasetContent<Observation>(rows, editions);
    }
}
