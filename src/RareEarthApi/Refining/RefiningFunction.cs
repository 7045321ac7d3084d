using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Refining;

/// <summary>Refining (separation) output share by country and year.</summary>
internal sealed class RefiningFunction(DatasetEndpoint endpoint)
{
    [ApiOperation("Refining", "Rare-earth refining (separation) output share by country and year",
        Description = "Shares in percent of refined rare-earth output; actual figures and projections (scenario, outlook year), each naming its publication edition. edition=latest takes each share from the newest edition that has it.",
        ResponseType = typeof(Envelope<RefiningJson>), ParametersFrom = typeof(RefiningDataset), Csv = true)]
    [Function(nameof(GetRefining))]
    public Task<IActionResult> GetRefining(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/refining")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, RefiningDataset.Name, cancellationToken);
}
