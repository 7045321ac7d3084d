using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Trade;

/// <summary>Annual trade flows of rare-earth products.</summary>
internal sealed class TradeFunction(DatasetEndpoint endpoint)
{
    [ApiOperation("Trade", "Rare-earth trade flows by reporter, partner, HS code and year",
        Description = "UN Comtrade flows: value in USD (CIF for imports, FOB for exports), net weight in kg, as reported or mirrored. hs=2846 expands to 2846, 284610 and 284690; World rows (partner WLD) with include_aggregates=true.",
        ResponseType = typeof(Envelope<TradeJson>), ParametersFrom = typeof(TradeDataset), Csv = true)]
    [Function(nameof(GetTrade))]
    public Task<IActionResult> GetTrade(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/trade")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, TradeDataset.Name, cancellationToken);
}
