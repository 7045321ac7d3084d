using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Production;

/// <summary>Mine production and reserves by country and year.</summary>
internal sealed class ProductionFunctions(DatasetEndpoint endpoint)
{
    [ApiOperation("Production", "Rare-earth mine production by country and year",
        Description = "Metric tons of rare-earth-oxide equivalent; each figure with its source edition. edition=latest takes each figure from the newest edition that has it.",
        ResponseType = typeof(Envelope<ObservationJson>), ParametersFrom = typeof(ObservationDatasets), Csv = true)]
    [Function(nameof(GetProduction))]
    public Task<IActionResult> GetProduction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/production")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, "production", cancellationToken);

    [ApiOperation("Production", "Rare-earth reserves by country",
        Description = "Reserves in metric tons of rare-earth-oxide equivalent as each USGS edition states them; bounds keep their sign in status (lower-bound).",
        ResponseType = typeof(Envelope<ObservationJson>), ParametersFrom = typeof(ObservationDatasets), Csv = true)]
    [Function(nameof(GetReserves))]
    public Task<IActionResult> GetReserves(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/reserves")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, "reserves", cancellationToken);
}
