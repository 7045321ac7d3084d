using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Commodities;

/// <summary>Reference data: commodities, their elements (light or heavy rare earths) and HS codes with descriptions.</summary>
internal sealed class CommoditiesFunction(CommodityCatalog catalog, DatasetResponder responder)
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = [ResponseFormats.Parameter, ResponseFormats.Bom];

    private static readonly IReadOnlyList<CsvColumn<Commodity>> CsvColumns =
    [
        new("id", c => c.Id),
        new("name", c => c.Name),
        new("description", c => c.Description),
        new("elements", c => CsvList.Join(c.Elements.Select(e => $"{e.Symbol}:{e.Group}"))),
        new("hsCodes", c => CsvList.Join(c.HsCodes.Select(h => h.Code))),
    ];

    [ApiOperation("Reference", "Commodities, elements and HS codes",
        Description = "Each commodity with its elements (symbol, name, atomic number, light/heavy group) and HS codes with descriptions. The element and hs parameters of other routes accept exactly these.",
        ResponseType = typeof(Envelope<Commodity>), ParametersFrom = typeof(CommoditiesFunction), Csv = true)]
    [Function(nameof(GetCommodities))]
    public IActionResult GetCommodities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/commodities")] HttpRequest req)
    {
        var q = new QueryReader(req, Parameters);
        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        var meta = new ResponseMeta("commodities", 0, 0, new Dictionary<string, string>(), catalog.Version, CommodityCatalog.ContentDate,
            "Compiled by RareEarthApi from the Harmonized System nomenclature (2022) and the periodic table; the light/heavy split follows the common lanthanum–europium / gadolinium–lutetium-plus-yttrium convention (China also names a 'medium' group), scandium unclassed.",
            []);
        return RowsResponse.Send(responder, req, meta, catalog.All, 0, int.MaxValue, format, CsvColumns, CommodityJsonContext.Envelope);
    }
}

/// <summary>Compile-time JSON for the commodities route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<Commodity>))]
internal sealed partial class CommodityJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<Envelope<Commodity>> Envelope { get; } = ApiJson.TypeInfo<Envelope<Commodity>>(o => new CommodityJsonContext(o));
}
