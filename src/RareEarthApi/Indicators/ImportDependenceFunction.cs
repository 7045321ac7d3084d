using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Trade;

namespace RareEarthApi.Indicators;

/// <summary>One year's dependence of an importer on a supplier, by weight and by value, with what it is computed from.</summary>
public sealed record ImportDependenceJson(
    string Importer,
    string ImporterName,
    string Supplier,
    string SupplierName,
    string Hs,
    int Year,
    double? ShareByWeight,
    double? NumeratorKg,
    double? DenominatorKg,
    double? ShareByValue,
    double? NumeratorUsd,
    double? DenominatorUsd,
    string Unit)
{
    public static IReadOnlyList<CsvColumn<ImportDependenceJson>> CsvColumns { get; } =
    [
        new("importer", r => r.Importer),
        new("importerName", r => r.ImporterName),
        new("supplier", r => r.Supplier),
        new("supplierName", r => r.SupplierName),
        new("hs", r => r.Hs),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("shareByWeight", r => ConcentrationJson.Number(r.ShareByWeight)),
        new("numeratorKg", r => ConcentrationJson.Number(r.NumeratorKg)),
        new("denominatorKg", r => ConcentrationJson.Number(r.DenominatorKg)),
        new("shareByValue", r => ConcentrationJson.Number(r.ShareByValue)),
        new("numeratorUsd", r => ConcentrationJson.Number(r.NumeratorUsd)),
        new("denominatorUsd", r => ConcentrationJson.Number(r.DenominatorUsd)),
        new("unit", r => r.Unit),
    ];
}

/// <summary>GET /api/v1/indicators/import-dependence: the supplier's share of the importer's imports, per year.</summary>
internal sealed class ImportDependenceFunction(TradeDataset trade, CountryCatalog countries, CommodityCatalog commodities, DatasetResponder responder)
{
    private const int MaxYears = 200;

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("importer", ParameterKind.String, "The importing country (ISO3, ISO2, name or alias).", "JPN", Required: true),
        new("supplier", ParameterKind.String, "The supplying country.", "CHN", Required: true),
        CommodityQuery.Hs with { Description = "HS codes, comma-separated (required): 2846 expands to 284610 and 284690; weights and values of different codes are added.", Required = true },
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        ResponseFormats.Parameter,
    ];

    [ApiOperation("Indicators", "Import dependence of one country on another",
        Description = "Per year, the supplier's share of the importer's imports by weight and by value, with numerator and denominator; null with a warning where the denominator is missing. meta.formula says how, meta.rowsUsed lists the trade rows.",
        ResponseType = typeof(Envelope<ImportDependenceJson>), ParametersFrom = typeof(ImportDependenceFunction), Csv = true)]
    [Function(nameof(GetImportDependence))]
    public async Task<IActionResult> GetImportDependence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/indicators/import-dependence")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req.Query, Parameters);
        var importer = Country(q, "importer");
        var supplier = Country(q, "supplier");
        var (hs, asked) = CommodityQuery.HsCodes(q, commodities);
        if (!q.Has("hs"))
        {
            q.Fail("hs", null, "'hs' is required: say which products the dependence is measured on.", commodities.HsCodeList);
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

        var snapshot = await trade.GetAsync(cancellationToken);
        var rows = Dedupe(snapshot.Rows
            .Where(r => r.Reporter == importer && r.Flow == TradeFlow.Import && r.Basis == TradeFlow.AsReported && hs.Contains(r.Hs))
            .ToList());
        var years = start is not null || end is not null
            ? Enumerable.Range(start ?? end!.Value, (end ?? start!.Value) - (start ?? end!.Value) + 1).ToList()
            : rows.Select(r => r.Year).Distinct().Order().ToList();
        var hsText = string.Join(",", asked);
        var gaps = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var used = new List<RowUsed>();
        var data = new List<ImportDependenceJson>();
        foreach (var year in years)
        {
            var numerator = rows.Where(r => r.Year == year && r.Partner == supplier).ToList();
            var denominator = rows.Where(r => r.Year == year && r.Partner == "WLD").ToList();
            used.AddRange(numerator.Select(r => Used("numerator", r)));
            used.AddRange(denominator.Select(r => Used("denominator", r)));
            var (nKg, dKg) = (Sum(numerator, r => r.NetWeightKg), Sum(denominator, r => r.NetWeightKg));
            var (nUsd, dUsd) = (Sum(numerator, r => r.ValueUsd), Sum(denominator, r => r.ValueUsd));
            if (denominator.Count == 0)
            {
                Gap(gaps, $"{importer} reports no imports from the World (the denominator) under HS {hsText} in the served trade data, so no share is computed", year);
            }
            else
            {
                if (dKg is null or 0)
                {
                    Gap(gaps, "the World row carries no net weight, so the share by weight is null", year);
                }

                if (dUsd is null or 0)
                {
                    Gap(gaps, "the World row carries no value, so the share by value is null", year);
                }

                if (numerator.Count == 0)
                {
                    Gap(gaps, $"{importer} reports no imports from {supplier} under HS {hsText} although it reports a World total; the numerator is unknown, not zero", year);
                }
            }

            data.Add(new ImportDependenceJson(
                importer, countries.ByIso3(importer)?.Name ?? importer, supplier, countries.ByIso3(supplier)?.Name ?? supplier, hsText, year,
                ConcentrationFunction.Round(SupplyIndicators.Share(nKg, dKg)), nKg, dKg,
                ConcentrationFunction.Round(SupplyIndicators.Share(nUsd, dUsd)), nUsd, dUsd, "percent"));
        }

        var warnings = gaps.Select(g => $"{ConcentrationFunction.Ranges(g.Value)}: {g.Key}.").ToList();
        if (data.Count == 0)
        {
            warnings.Add($"{importer} reports no imports under HS {hsText} in the served trade data; see the README on data gaps.");
        }

        var normalised = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["importer"] = importer, ["supplier"] = supplier, ["hs"] = string.Join(",", hs) };
        QueryParts.Put(normalised, "start", start?.ToString(CultureInfo.InvariantCulture));
        QueryParts.Put(normalised, "end", end?.ToString(CultureInfo.InvariantCulture));
        var meta = new ResponseMeta("import-dependence", 0, 0, normalised, snapshot.Version, snapshot.PublishedAt, TradeDataset.Text.Citation, warnings)
        {
            Formula = SupplyIndicators.ImportDependenceFormula,
            RowsUsed = used,
        };
        return RowsResponse.Send(responder, req, meta, data, 0, int.MaxValue, format, ImportDependenceJson.CsvColumns, SupplyJson.Web.EnvelopeImportDependenceJson);
    }

    /// <summary>A 4-digit heading row stands in for its subheadings: where both are served for a partner and year, the subheadings go.</summary>
    internal List<TradeFlow> Dedupe(List<TradeFlow> rows) =>
        rows.Where(r => commodities.Hs(r.Hs)?.Parent is not { } parent
                        || !rows.Any(o => o.Hs == parent && o.Partner == r.Partner && o.Year == r.Year)).ToList();

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

        return codes.Count == 1 ? codes[0] : null;
    }

    private static double? Sum(IReadOnlyList<TradeFlow> rows, Func<TradeFlow, double?> select) =>
        rows.Count == 0 || rows.Any(r => select(r) is null) ? null : rows.Sum(r => select(r)!.Value);

    private static void Gap(Dictionary<string, List<int>> gaps, string reason, int year)
    {
        if (!gaps.TryGetValue(reason, out var years))
        {
            gaps[reason] = years = [];
        }

        years.Add(year);
    }

    private static RowUsed Used(string role, TradeFlow r) =>
        new("trade", role, r.Year, r.Reporter, r.Partner, r.Hs, r.NetWeightKg, "kg", r.Edition, r.ValueUsd);
}
