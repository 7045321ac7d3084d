using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace RareEarthApi.Production;

/// <summary>Mine production and reserves by country and year.</summary>
internal sealed class ProductionFunctions(ObservationEndpoint endpoint)
{
    [Function(nameof(GetProduction))]
    public Task<IActionResult> GetProduction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/production")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(req, ObservationDatasets.Production, cancellationToken);

    [Function(nameof(GetReserves))]
    public Task<IActionResult> GetReserves(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/reserves")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(req, ObservationDatasets.Reserves, cancellationToken);
}
