using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Production;

/// <summary>Mine production and reserves by country and year.</summary>
internal sealed class ProductionFunctions(DatasetEndpoint endpoint)
{
    [ApiOperation("Production", "Mineral production by country and year: every commodity of the USGS releases",
        Description = "Mine, refinery, smelter, plant and primary production and capacity, each row with the stage and the unit its release states (never converted: rare earths in metric tons of rare-earth-oxide equivalent, gallium in kilograms, …) and its source edition. commodity defaults to rare-earths; commodity=all spans every commodity. edition=latest takes each figure from the newest edition that has it.",
        ResponseType = typeof(Envelope<ObservationJson>), ParametersFrom = typeof(ObservationDatasets), Csv = true)]
    [Function(nameof(GetProduction))]
    public Task<IActionResult> GetProduction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/production")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, "production", cancellationToken);

    [ApiOperation("Production", "Mineral reserves by country: every commodity of the USGS releases",
        Description = "Reserves as each USGS edition states them, in the unit it states (rare earths in metric tons of rare-earth-oxide equivalent); commodity defaults to rare-earths. Bounds keep their sign in status (lower-bound).",
        ResponseType = typeof(Envelope<ObservationJson>), ParametersFrom = typeof(ObservationDatasets), Csv = true)]
    [Function(nameof(GetReserves))]
    public Task<IActionResult> GetReserves(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/reserves")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, "reserves", cancellationToken);
}
