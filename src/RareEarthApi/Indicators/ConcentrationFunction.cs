using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.Refining;

namespace RareEarthApi.Indicators;

/// <summary>One year's concentration of supply.</summary>
public sealed record ConcentrationJson(
    string Dataset,
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
    /// <summary>The CSV columns, ending with the provenance: the editions and sources of the rows used, and the served dataset version.</summary>
    public static IReadOnlyList<CsvColumn<ConcentrationJson>> CsvColumns(string dataVersion) =>
    [
        new("dataset", r => r.Dataset),
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
        new("editions", r => CsvList.Join(r.Editions)),
        new("sourceIds", r => CsvList.Join(r.SourceIds)),
        new("dataVersion", _ => dataVersion),
    ];

    internal static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>GET /api/v1/indicators/concentration: top share, top-three share and HHI per year, from the served rows.</summary>
internal sealed class ConcentrationFunction(SnapshotCache cache, CountryCatalog countries, DatasetResponder responder)
{
    public static IReadOnlyList<string> Datasets { get; } = ["production", "refining", "reserves"];

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("dataset", ParameterKind.String, "The dataset whose served rows (edition=latest) are measured.", "production", null, Datasets, Required: true),
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        new("scenario", ParameterKind.String, "Refining only (dataset=refining): actual (default) or a projection scenario (base-case)."),
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

        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors || dataset is null)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        IndicatorResult<ConcentrationJson> result;
        string version;
        DateTimeOffset publishedAt;
        string citation;
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
            (version, publishedAt, citation) = (snapshot.Version, snapshot.PublishedAt, measure.Citation);
            result = _calculator.FromObservations(dataset, snapshot, start, end);
        }

        var normalised = QueryParts.Canonical(("dataset", dataset), ("edition", QueryParts.LatestEdition), ("start", start), ("end", end),
            ("scenario", dataset == "refining" ? scenario : null));
        var meta = new ResponseMeta("concentration", 0, 0, normalised, version, publishedAt, citation, result.Warnings)
        {
            Formula = SupplyIndicators.ConcentrationFormula,
            RowsUsed = result.Used,
        };
        return RowsResponse.Send(responder, req, meta, result.Rows, 0, int.MaxValue, format, ConcentrationJson.CsvColumns(version), IndicatorJsonContext.Concentration);
    }
}
