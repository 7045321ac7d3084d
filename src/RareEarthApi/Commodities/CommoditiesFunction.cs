using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Commodities;

/// <summary>Reference data: commodities, their elements (light or heavy rare earths) and HS codes with descriptions.</summary>
internal sealed class CommoditiesFunction(CommodityCatalog catalog, SnapshotCache cache, DatasetResponder responder, ResponseCache responses)
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = [ResponseFormats.Parameter, ResponseFormats.Bom];

    private static readonly IReadOnlyList<CsvColumn<Commodity>> CsvColumns =
    [
        new("id", c => c.Id),
        new("name", c => c.Name),
        new("description", c => c.Description),
        new("elements", c => CsvList.Join(c.Elements.Select(e => $"{e.Symbol}:{e.Group}"))),
        new("hsCodes", c => CsvList.Join(c.HsCodes.Select(h => h.Code))),
        new("usgsNames", c => CsvList.Join(c.Figures?.UsgsNames ?? [])),
        new("aliases", c => CsvList.Join(c.Figures?.Aliases ?? [])),
        new("units", c => CsvList.Join(c.Figures?.Units ?? [])),
        new("stages", c => CsvList.Join(c.Figures?.Stages ?? [])),
        new("editions", c => CsvList.Join(c.Figures?.Editions ?? [])),
        new("critical", c => c.Figures?.Critical is { } critical ? critical ? "true" : "false" : null),
    ];

    [ApiOperation("Reference", "Commodities, elements and HS codes",
        Description = "Each commodity with its elements (symbol, name, atomic number, light/heavy group) and HS codes with descriptions, and every commodity the production, reserves and U.S. statistics routes serve, with its USGS names, aliases, units, stages, editions and whether the release lists it as a critical mineral. The element and hs parameters of other routes accept exactly these; commodity accepts the ids, names and aliases.",
        ResponseType = typeof(Envelope<Commodity>), ParametersFrom = typeof(CommoditiesFunction), Csv = true)]
    [Function(nameof(GetCommodities))]
    public async Task<IActionResult> GetCommodities(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/commodities")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        var format = ResponseFormats.Read(q, req);
        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        var production = await cache.GetAsync(ObservationDatasets.Production.Descriptor, cancellationToken);
        var reserves = await cache.GetAsync(ObservationDatasets.Reserves.Descriptor, cancellationToken);
        var usStatistics = await cache.GetAsync(UsStatisticsDataset.Descriptor, cancellationToken);
        // The list is the reference files' and the served rows': it changes with either.
        var version = $"{catalog.Version}-{production.Version}-{reserves.Version}-{usStatistics.Version}";
        var lastUpdated = new[] { CommodityCatalog.ContentDate, production.PublishedAt, reserves.PublishedAt, usStatistics.PublishedAt }.Max();
        var meta = new ResponseMeta("commodities", 0, 0, new Dictionary<string, string>(), version, lastUpdated,
            "Compiled by RareEarthApi from the Harmonized System nomenclature (2022) and the periodic table; the light/heavy split follows the common lanthanum–europium / gadolinium–lutetium-plus-yttrium convention (China also names a 'medium' group), scandium unclassed.",
            []);
        // Built once per version of its inputs, as the datasets' pages are: not on every request (and not for a 304).
        return responses.GetOrBuild(req, "commodities", version, () =>
            RowsResponse.Send(responder, req, meta, CommodityListing.List(catalog, [production, reserves], usStatistics), 0, int.MaxValue, format, CsvColumns, CommodityJsonContext.Envelope));
    }
}

/// <summary>Compile-time JSON for the commodities route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<Commodity>))]
internal sealed partial class CommodityJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<Envelope<Commodity>> Envelope { get; } = ApiJson.TypeInfo<Envelope<Commodity>>(o => new CommodityJsonContext(o));
}
