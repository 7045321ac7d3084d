using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Countries;
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
    string Unit)
{
    public static IReadOnlyList<CsvColumn<ConcentrationJson>> CsvColumns { get; } =
    [
        new("dataset", r => r.Dataset),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("scenario", r => r.Scenario),
        new("topCountry", r => r.TopCountry),
        new("topCountryName", r => r.TopCountryName),
        new("topShare", r => Number(r.TopShare)),
        new("topThree", r => string.Join("|", r.TopThree)),
        new("topThreeShare", r => Number(r.TopThreeShare)),
        new("hhi", r => Number(r.Hhi)),
        new("countries", r => r.Countries.ToString(CultureInfo.InvariantCulture)),
        new("denominator", r => Number(r.Denominator)),
        new("denominatorBasis", r => r.DenominatorBasis),
        new("coverage", r => Number(r.Coverage)),
        new("unit", r => r.Unit),
    ];

    internal static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>GET /api/v1/indicators/concentration: top share, top-three share and HHI per year, from the served rows.</summary>
internal sealed class ConcentrationFunction(ObservationDatasets observations, RefiningDataset refining, CountryCatalog countries, DatasetResponder responder)
{
    public static IReadOnlyList<string> Datasets { get; } = ["production", "refining", "reserves"];

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("dataset", ParameterKind.String, "The dataset whose served rows (edition=latest) are measured.", "production", null, Datasets, Required: true),
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        new("scenario", ParameterKind.String, "Refining only: actual (default) or a projection scenario (base-case).", "base-case", RefiningShare.Actual),
        ResponseFormats.Parameter,
    ];

    /// <summary>Over this, the country rows of a year leave too much of the total unexplained for the top shares to mean much.</summary>
    private const double MinimumCoverage = 80;

    [ApiOperation("Indicators", "Supply concentration: top country, top three, Herfindahl–Hirschman index",
        Description = "Per year, computed from the served rows of production, refining or reserves (edition=latest), aggregates excluded; meta.formula says how, meta.rowsUsed lists the rows.",
        ResponseType = typeof(Envelope<ConcentrationJson>), ParametersFrom = typeof(ConcentrationFunction), Csv = true)]
    [Function(nameof(GetConcentration))]
    public async Task<IActionResult> GetConcentration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/indicators/concentration")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req.Query, Parameters);
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

        IReadOnlyList<YearRows> years;
        string version;
        DateTimeOffset publishedAt;
        string citation;
        var warnings = new List<string>();
        if (dataset == "refining")
        {
            var snapshot = await refining.GetAsync(cancellationToken);
            var scenarios = snapshot.Rows.Select(r => r.Scenario).Distinct().Order(StringComparer.Ordinal).ToList();
            scenario ??= RefiningShare.Actual;
            if (!scenarios.Contains(scenario))
            {
                return ProblemResult.InvalidParameters([new ParameterError("scenario", scenario, $"scenario '{scenario}' is not in the refining dataset.", scenarios)]);
            }

            (version, publishedAt, citation) = (snapshot.Version, snapshot.PublishedAt, RefiningDataset.Text.Citation);
            var rows = RefiningQuery.SelectEdition(snapshot.Rows, ObservationQuery.LatestEdition, snapshot).Where(r => r.Scenario == scenario).ToList();
            years = rows.GroupBy(r => r.Year).Select(g => new YearRows(
                g.Key,
                g.Where(r => !r.IsAggregate).Select(r => new RowUsed("refining", "share", r.Year, r.Country, null, null, r.Value, RefiningShare.Unit, r.Edition)).ToList(),
                null,
                g.Where(r => r.IsAggregate).Select(r => $"the source states {RefiningShare.Aggregates[r.Country].ToLowerInvariant()} ({string.Join(", ", r.Members)}) at {r.Value.ToString(CultureInfo.InvariantCulture)}%").ToList()))
                .ToList();
            warnings.Add("Refining rows are already shares of world refined output: the indicators are computed from the country shares the source gives (denominator 100); where it gives fewer countries than it covers, the top-three share and the HHI are lower bounds.");
        }
        else
        {
            var measure = dataset == "production" ? ObservationDatasets.Production : ObservationDatasets.Reserves;
            var snapshot = await observations.GetAsync(measure, cancellationToken);
            (version, publishedAt, citation) = (snapshot.Version, snapshot.PublishedAt, measure.Citation);
            var rows = ObservationQueryRunner.SelectEdition(snapshot.Rows.Where(r => r.Commodity == "rare-earths" && r.Value is not null), ObservationQuery.LatestEdition, snapshot).ToList();
            years = rows.GroupBy(r => r.Year).Select(g => new YearRows(
                g.Key,
                g.Where(r => countries.ByIso3(r.Country) is not { IsAggregate: true })
                    .Select(r => new RowUsed(dataset, "share", r.Year, r.Country, null, null, r.Value, r.Unit, r.Edition)).ToList(),
                g.Where(r => r.Country == "WLD").Select(r => new RowUsed(dataset, "denominator", r.Year, r.Country, null, null, r.Value, r.Unit, r.Edition)).FirstOrDefault(),
                g.Where(r => r.Country == "WLD" && r.Status == ObservationStatus.LowerBound).Select(_ => "the World total is a lower bound, so the shares are upper bounds").ToList()))
                .ToList();
        }

        var selected = years.Where(y => y.Parts.Count > 0 && (start is null || y.Year >= start) && (end is null || y.Year <= end)).OrderBy(y => y.Year).ToList();
        var data = new List<ConcentrationJson>();
        var lowCoverage = new List<int>();
        foreach (var y in selected)
        {
            var total = dataset == "refining" ? 100 : y.Denominator?.Value;
            var c = SupplyIndicators.Concentrate(y.Parts.Select(p => new Part(p.Country, p.Value ?? 0)).ToList(), total);
            if (c.Coverage < MinimumCoverage)
            {
                lowCoverage.Add(y.Year);
            }

            warnings.AddRange(y.Notes.Select(n => $"{y.Year}: {n}."));
            data.Add(new ConcentrationJson(
                dataset, y.Year, dataset == "refining" ? scenario : null, c.Top, c.Top is null ? null : countries.ByIso3(c.Top)?.Name ?? c.Top,
                Round(c.TopShare), c.TopThree, Round(c.TopThreeShare), Round(c.Hhi), y.Parts.Count, c.Denominator,
                dataset == "refining" ? "shares as published" : y.Denominator is not null ? "World row" : "sum of country rows",
                Round(c.Coverage), "percent"));
        }

        if (lowCoverage.Count > 0)
        {
            warnings.Add($"In {lowCoverage.Count} year(s) ({Ranges(lowCoverage)}) the country rows cover less than {MinimumCoverage}% of the total: the top shares and the HHI there describe only the countries with figures.");
        }

        if (data.Count == 0)
        {
            var covered = years.Where(y => y.Parts.Count > 0).Select(y => y.Year).ToList();
            warnings.Add(covered.Count == 0 ? $"No country rows in {dataset}." : $"No country rows in {dataset} for {QueryParts.Range(start, end)}; it covers {Ranges(covered)}.");
        }

        var normalised = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["dataset"] = dataset, ["edition"] = ObservationQuery.LatestEdition };
        QueryParts.Put(normalised, "start", start?.ToString(CultureInfo.InvariantCulture));
        QueryParts.Put(normalised, "end", end?.ToString(CultureInfo.InvariantCulture));
        QueryParts.Put(normalised, "scenario", dataset == "refining" ? scenario : null);
        var used = selected.SelectMany(y => y.Denominator is null ? y.Parts : [.. y.Parts, y.Denominator]).ToList();
        var meta = new ResponseMeta("concentration", 0, 0, normalised, version, publishedAt, citation, warnings)
        {
            Formula = SupplyIndicators.ConcentrationFormula,
            RowsUsed = used,
        };
        return RowsResponse.Send(responder, req, meta, data, 0, int.MaxValue, format, ConcentrationJson.CsvColumns, SupplyJson.Web.EnvelopeConcentrationJson);
    }

    internal static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    internal static string Ranges(IReadOnlyList<int> years)
    {
        var parts = new List<string>();
        var sorted = years.Distinct().Order().ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var first = sorted[i];
            while (i + 1 < sorted.Count && sorted[i + 1] == sorted[i] + 1)
            {
                i++;
            }

            parts.Add(first == sorted[i] ? first.ToString(CultureInfo.InvariantCulture) : $"{first}–{sorted[i]}");
        }

        return string.Join(", ", parts);
    }

    private sealed record YearRows(int Year, IReadOnlyList<RowUsed> Parts, RowUsed? Denominator, IReadOnlyList<string> Notes);
}
