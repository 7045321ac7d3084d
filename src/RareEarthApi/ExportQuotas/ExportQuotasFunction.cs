using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.ExportQuotas;

/// <summary>China's rare-earth export quotas by year and batch, and reported exports.</summary>
internal sealed class ExportQuotasFunction(DatasetEndpoint endpoint)
{
    [ApiOperation("ExportQuotas", "China's rare-earth export quotas by year and batch, and reported exports",
        Description = "Quota allocations 2005–2014 by year and batch (first, second, additional; the half-year where the notice says so), split into domestic/foreign-invested or light/medium-heavy where reported, with the number of licensed exporters; reported exports by year (measure=exports). Tonnes as each page read gives them; each row names the pages (sourceUrls).",
        ResponseType = typeof(Envelope<ExportQuotaJson>), ParametersFrom = typeof(ExportQuotasDataset), Csv = true)]
    [Function(nameof(GetExportQuotas))]
    public Task<IActionResult> GetExportQuotas(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/export-quotas")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, ExportQuotasDataset.Name, cancellationToken);
}
