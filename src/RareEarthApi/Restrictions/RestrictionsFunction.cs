using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Restrictions;

/// <summary>Export-restriction events and their status on a date.</summary>
internal sealed class RestrictionsFunction(DatasetEndpoint endpoint)
{
    [ApiOperation("Restrictions", "Export-restriction events",
        Description = "Quotas, duties, licensing, bans, technology catalogues, de facto halts, suspensions and WTO dispute steps with dates, elements, HS and customs codes, targets, instrument (issuing bodies, number) and sources; status (not-yet-announced, announced, in-force, suspended, suspension-expired, lifted, occurred, unknown) on the as_of date, as the compilation records it, and the dated statusChanges (the timeline, oldest event first); status= filters on it; each row's source names the compilation edition.",
        ResponseType = typeof(Envelope<RestrictionJson>), ParametersFrom = typeof(RestrictionsDataset), Csv = true)]
    [Function(nameof(GetRestrictions))]
    public Task<IActionResult> GetRestrictions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/restrictions")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, RestrictionsDataset.Name, cancellationToken);
}
