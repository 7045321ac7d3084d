using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Trade;

namespace RareEarthApi.Indicators;

/// <summary>What a dependence row is computed from: the importer's own declaration, its partner's (mirror), a report quoting the statistic, or nothing served.</summary>
public static class ImportDependenceBasis
{
    public const string AsReported = "as-reported";
    public const string Mirror = "mirror";
    public const string Secondary = "secondary";
    public const string None = "none";
}

/// <summary>One year's (or month's) dependence of an importer on a supplier, by weight and by value, with what it is computed from.</summary>
public sealed record ImportDependenceJson(
    string Importer,
    string ImporterName,
    string Supplier,
    string SupplierName,
    string Hs,
    int Year,
    [property: Description("The year, or a month (2010-09) or half-year (2012-H1) where a report gives one.")] string Period,
    double? ShareByWeight,
    double? NumeratorKg,
    double? DenominatorKg,
    double? ShareByValue,
    double? NumeratorUsd,
    double? DenominatorUsd,
    string Unit,
    [property: AllowedValues(ImportDependenceBasis.AsReported, ImportDependenceBasis.Mirror, ImportDependenceBasis.Secondary, ImportDependenceBasis.None)] string Basis,
    [property: Description("What the share is divided by: the World row, or the sum of the partners a source lists (named), or the report's total.")] string Denominator,
    [property: Description("Herfindahl–Hirschman index (0–10,000) of the importer's suppliers by value in this source and year: lower is more diversified.")] double? SupplierHhi,
    int? Suppliers,
    IReadOnlyList<string> Editions,
    IReadOnlyList<string> SourceIds,
    [property: Description("Secondary rows: the official statistic the report quotes.")] string? Statistic,
    [property: Description("Secondary rows: the page read.")] string? Page)
{
    /// <summary>The CSV columns, ending with the provenance: the editions and sources of the trade rows used, and the served dataset version.</summary>
    public static IReadOnlyList<CsvColumn<ImportDependenceJson>> CsvColumns(string dataVersion) =>
    [
        new("importer", r => r.Importer),
        new("importerName", r => r.ImporterName),
        new("supplier", r => r.Supplier),
        new("supplierName", r => r.SupplierName),
        new("hs", r => r.Hs),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("period", r => r.Period),
        new("shareByWeight", r => ConcentrationJson.Number(r.ShareByWeight)),
        new("numeratorKg", r => ConcentrationJson.Number(r.NumeratorKg)),
        new("denominatorKg", r => ConcentrationJson.Number(r.DenominatorKg)),
        new("shareByValue", r => ConcentrationJson.Number(r.ShareByValue)),
        new("numeratorUsd", r => ConcentrationJson.Number(r.NumeratorUsd)),
        new("denominatorUsd", r => ConcentrationJson.Number(r.DenominatorUsd)),
        new("unit", r => r.Unit),
        new("basis", r => r.Basis),
        new("denominator", r => r.Denominator),
        new("supplierHhi", r => ConcentrationJson.Number(r.SupplierHhi)),
        new("suppliers", r => r.Suppliers?.ToString(CultureInfo.InvariantCulture)),
        new("editions", r => CsvList.Join(r.Editions)),
        new("sourceIds", r => CsvList.Join(r.SourceIds)),
        new("statistic", r => r.Statistic),
        new("page", r => r.Page),
        new("dataVersion", _ => dataVersion),
    ];
}

/// <summary>GET /api/v1/indicators/import-dependence: the supplier's share of the importer's imports, per year.</summary>
internal sealed class ImportDependenceFunction(SnapshotCache cache, CountryCatalog countries, CommodityCatalog commodities, ReportedShares reported, DatasetResponder responder)
{
    private const int MaxYears = 200;

    private readonly ImportDependenceCalculator _calculator = new(countries, commodities);

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("importer", ParameterKind.String, "The importing country (ISO3, ISO2, name or alias).", "JPN", Required: true),
        new("supplier", ParameterKind.String, "The supplying country.", "CHN", Required: true),
        CommodityQuery.Hs with { Description = "HS codes, comma-separated (required): 2846 expands to 284610 and 284690; weights and values of the codes of one 4-digit heading are added; codes of different headings are refused.", Required = true },
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        ResponseFormats.Parameter,
        ResponseFormats.Bom,
    ];

    [ApiOperation("Indicators", "Import dependence of one country on another",
        Description = "Per year, the supplier's share of the importer's imports by weight and by value, with numerator and denominator; null with a warning where the denominator is missing. meta.formula says how, meta.rowsUsed lists the trade rows.",
        ResponseType = typeof(Envelope<ImportDependenceJson>), ParametersFrom = typeof(ImportDependenceFunction), Csv = true)]
    [Function(nameof(GetImportDependence))]
    public async Task<IActionResult> GetImportDependence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/indicators/import-dependence")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        var importer = Country(q, "importer");
        var supplier = Country(q, "supplier");
        var (hs, asked) = CommodityQuery.HsCodes(q, commodities);
        if (!q.Has("hs"))
        {
            q.Fail("hs", null, "'hs' is required: say which products the dependence is measured on.", commodities.HsCodeList);
        }

        if (ImportDependenceCalculator.MixedHeadings(asked) is { } mixed)
        {
            q.Fail("hs", string.Join(",", asked), mixed, commodities.HsCodeList);
        }
        else if (asked.FirstOrDefault(c => c.Length > 4 && asked.Contains(c[..4]) && !commodities.Expand(c[..4]).Contains(c)) is { } part)
        {
            // 8505 (USITC's whole heading) already holds 850511 (Comtrade's magnets): added, the magnets would count twice.
            q.Fail("hs", string.Join(",", asked), $"HS {part[..4]} is the whole heading and already holds {part}; adding them would count {part} twice. Ask hs={part[..4]} or hs={part}.", commodities.HsCodeList);
        }

        var (start, end) = QueryParts.Years(q);
        if (start is not null && end is not null && end - start >= MaxYears)
        {
            q.Fail("start", $"{start}..{end}", $"the range spans more than {MaxYears} years.");
        }

        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors || importer is null || supplier is null)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        var snapshot = await cache.GetAsync(TradeDataset.Descriptor, cancellationToken);
        var result = _calculator.Compute(snapshot, new ImportDependenceRequest(importer, supplier, hs, asked, start, end), reported);
        var normalised = QueryParts.Canonical(("importer", importer), ("supplier", supplier), ("hs", hs), ("start", start), ("end", end));
        var meta = new ResponseMeta("import-dependence", 0, 0, normalised, snapshot.Version, snapshot.PublishedAt, TradeDataset.Text.Citation, result.Warnings)
        {
            Formula = SupplyIndicators.ImportDependenceFormula,
            RowsUsed = result.Used,
        };
        return RowsResponse.Send(responder, req, meta, result.Rows, 0, int.MaxValue, format, ImportDependenceJson.CsvColumns(snapshot.Version), IndicatorJsonContext.ImportDependence);
    }

    private string? Country(QueryReader q, string name)
    {
        var codes = QueryParts.Countries(q, name, countries);
        if (codes.Count > 1)
        {
            q.Fail(name, string.Join(",", codes), $"give one {name}.");
        }
        else if (codes.Count == 0 && !q.Has(name))
        {
            q.Fail(name, null, $"'{name}' is required.", ["ISO3 (JPN)", "ISO2 (JP)", "a name or alias from /api/v1/countries"]);
        }
        else if (codes.Count == 1 && _calculator.Aggregate(name, codes[0]) is { } aggregate)
        {
            q.Fail(name, codes[0], aggregate, ["one country: ISO3 (JPN), ISO2 (JP), a name or alias"]);
        }

        return codes.Count == 1 ? codes[0] : null;
    }
}
