using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.Refining;

namespace RareEarthApi.Indicators;

/// <summary>One year's concentration of supply.</summary>
public sealed record ConcentrationJson(
    ConcentrationDataset Dataset,
    int Year,
    string? Scenario,
    string? TopCountry,
    string? TopCountryName,
    double? TopShare,
    IReadOnlyList<string> TopThree,
    double? TopThreeShare,
    double? Hhi,
    int Countries,
    double? Denominator,
    string DenominatorBasis,
    double? Coverage,
    string Unit,
    IReadOnlyList<string> Editions,
    IReadOnlyList<string> SourceIds)
{
    /// <summary>The commodity measured (production and reserves; null for refining).</summary>
    public string? Commodity { get; init; }

    /// <summary>The stage measured (mine-production, smelter-production, …; null for refining, or every stage of a commodity that has one).</summary>
    public SupplyStage? Stage { get; init; }

    /// <summary>Each country asked with country=: its figure and its share of the year's denominator (null without a figure).</summary>
    public IReadOnlyList<CountryShareJson> CountryShares { get; init; } = [];

    /// <summary>The CSV columns, ending with the provenance: the editions and sources of the rows used, and the served dataset version.</summary>
    public static IReadOnlyList<CsvColumn<ConcentrationJson>> CsvColumns(string dataVersion) =>
    [
        new("dataset", r => WireEnum.Text(r.Dataset)),
        new("commodity", r => r.Commodity),
        new("stage", r => r.Stage is { } stage ? WireEnum.Text(stage) : null),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("scenario", r => r.Scenario),
        new("topCountry", r => r.TopCountry),
        new("topCountryName", r => r.TopCountryName),
        new("topShare", r => Number(r.TopShare)),
        new("topThree", r => CsvList.Join(r.TopThree)),
        new("topThreeShare", r => Number(r.TopThreeShare)),
        new("hhi", r => Number(r.Hhi)),
        new("countries", r => r.Countries.ToString(CultureInfo.InvariantCulture)),
        new("denominator", r => Number(r.Denominator)),
        new("denominatorBasis", r => r.DenominatorBasis),
        new("coverage", r => Number(r.Coverage)),
        new("unit", r => r.Unit),
        new("countryShares", r => CsvList.Join(r.CountryShares.Select(c => $"{c.Country}:{Number(c.Share)}"))),
        new("editions", r => CsvList.Join(r.Editions)),
        new("sourceIds", r => CsvList.Join(r.SourceIds)),
        new("dataVersion", _ => dataVersion),
    ];

    internal static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The datasets whose served rows the concentration indicator measures.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ConcentrationDataset>))]
public enum ConcentrationDataset
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("production")]
    Production,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("refining")]
    Refining,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("reserves")]
    Reserves,
}

/// <summary>One country's figure and share of a year's total.</summary>
public sealed record CountryShareJson(string Country, string CountryName, double? Value, double? Share);

/// <summary>GET /api/v1/indicators/concentration: top share, top-three share and HHI per year, from the served rows.</summary>
internal sealed class ConcentrationFunction(SnapshotCache cache, CountryCatalog countries, CommodityCatalog commodities, DatasetResponder responder)
{
    public static IReadOnlyList<string> Datasets { get; } = WireEnum.Names<ConcentrationDataset>();

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("dataset", ParameterKind.String, "The dataset whose served rows (edition=latest) are measured.", "production", null, Datasets, Required: true),
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        new("scenario", ParameterKind.String, "Refining only (dataset=refining): actual (default) or a projection scenario (base-case)."),
        new("commodity", ParameterKind.String, "Production and reserves: a commodity id, USGS name or alias (gallium, graphite, Rare Earths); /api/v1/commodities lists them.", "rare-earths", "rare-earths"),
        new("stage", ParameterKind.String, "Production: the stage measured (mine-production, refinery-production, smelter-production, …); default mine-production where the commodity has it, else its one production stage that is not a capacity (else required). Reserves: reserves.", "mine-production", Values: ObservationStage.All),
        new("country", ParameterKind.StringList, "Countries whose share of each year to give (ISO3, ISO2 or names), besides the top one: countryShares.", "USA,AUS"),
        ResponseFormats.Parameter,
        ResponseFormats.Bom,
    ];

    private readonly ConcentrationCalculator _calculator = new(countries);

    [ApiOperation("Indicators", "Supply concentration: top country, top three, Herfindahl–Hirschman index",
        Description = "Per year, computed from the served rows of production, refining or reserves (edition=latest), aggregates excluded; meta.formula says how, meta.rowsUsed lists the rows.",
        ResponseType = typeof(Envelope<ConcentrationJson>), ParametersFrom = typeof(ConcentrationFunction), Csv = true)]
    [Function(nameof(GetConcentration))]
    public async Task<IActionResult> GetConcentration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/indicators/concentration")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        var dataset = q.Choice("dataset");
        if (dataset is null && !q.Has("dataset"))
        {
            q.Fail("dataset", null, "'dataset' is required.", Datasets);
        }

        var (start, end) = QueryParts.Years(q);
        var scenario = q.Single("scenario");
        if (scenario is not null && dataset is not "refining")
        {
            q.Fail("scenario", scenario, "'scenario' applies to dataset=refining only.");
        }

        var asked = QueryParts.Countries(q, "country", countries);
        var commodityText = q.Single("commodity");
        var stageText = q.Single("stage");
        if (dataset == "refining" && (commodityText ?? stageText) is not null)
        {
            q.Fail(commodityText is not null ? "commodity" : "stage", commodityText ?? stageText, "'commodity' and 'stage' apply to dataset=production and dataset=reserves.");
        }

        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors || dataset is null)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        IndicatorResult<ConcentrationJson> result;
        string version;
        DateTimeOffset publishedAt;
        string citation;
        string? commodity = null;
        string? stage = null;
        if (dataset == "refining")
        {
            var snapshot = await cache.GetAsync(RefiningDataset.Descriptor, cancellationToken);
            var scenarios = snapshot.Rows.Select(r => r.Scenario).Distinct().Order(StringComparer.Ordinal).ToList();
            scenario ??= RefiningShare.Actual;
            if (!scenarios.Contains(scenario))
            {
                return ProblemResult.InvalidParameters([new ParameterError("scenario", scenario, $"scenario '{scenario}' is not in the refining dataset.", scenarios)]);
            }

            (version, publishedAt, citation) = (snapshot.Version, snapshot.PublishedAt, RefiningDataset.Text.Citation);
            result = _calculator.FromRefining(snapshot, scenario, start, end);
        }
        else
        {
            var measure = dataset == "production" ? ObservationDatasets.Production : ObservationDatasets.Reserves;
            var snapshot = await cache.GetAsync(measure.Descriptor, cancellationToken);
            var index = ObservationCommodities.For(snapshot, commodities.UsgsNames);
            commodity = index.Resolve(commodityText ?? ObservationDatasets.DefaultCommodity);
            if (commodity is null)
            {
                return ProblemResult.InvalidParameters([new ParameterError("commodity", commodityText, $"commodity '{commodityText}' is not in {dataset}; /api/v1/commodities lists every one with its names.", index.Ids,
                    index.Suggest(commodityText!) is { Count: > 0 } near ? near : null)]);
            }

            // One stage is one table: mine production and smelter capacity do not add up.
            var stages = snapshot.Rows.Where(r => r.Commodity == commodity).Select(r => r.Stage).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            // Default: mine production where the commodity has it, else its one production stage that is no capacity.
            var produced = stages.Where(st => !st.EndsWith("-capacity", StringComparison.Ordinal)).ToList();
            stage = stageText ?? (stages.Contains(ObservationStage.MineProduction) ? ObservationStage.MineProduction : produced.Count == 1 ? produced[0] : null);
            if (stage is null || !stages.Contains(stage))
            {
                return ProblemResult.InvalidParameters([new ParameterError("stage", stageText,
                    stageText is null ? $"{commodity} has figures at {stages.Count} stages in {dataset}; name one with 'stage'." : $"{commodity} has no {stageText} figures in {dataset}.", stages)]);
            }

            (version, publishedAt, citation) = (snapshot.Version, snapshot.PublishedAt, measure.Citation);
            result = _calculator.FromObservations(dataset, snapshot, start, end, commodity, stage, asked);
        }

        var normalised = QueryParts.Canonical(("dataset", dataset), ("edition", QueryParts.LatestEdition), ("start", start), ("end", end),
            ("scenario", dataset == "refining" ? scenario : null), ("commodity", commodity), ("stage", stage), ("country", asked));
        var meta = new ResponseMeta("concentration", 0, 0, normalised, version, publishedAt, citation, result.Warnings)
        {
            Formula = SupplyIndicators.ConcentrationFormula,
            RowsUsed = result.Used,
        };
        return RowsResponse.Send(responder, req, meta, result.Rows, 0, int.MaxValue, format, ConcentrationJson.CsvColumns(version), IndicatorJsonContext.Concentration);
    }
}
