using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

[assembly: ApiTag("United States", "The U.S. side of each USGS Mineral Commodity Summaries chapter: salient statistics (production, trade, consumption, prices, stocks, employment, net import reliance) and import sources, as each edition prints them.")]

namespace RareEarthApi.UsStatistics;

/// <summary>The U.S. salient statistics and import sources of the USGS releases.</summary>
internal sealed class UsStatisticsFunctions(DatasetEndpoint endpoint)
{
    [ApiOperation("United States", "U.S. salient statistics of every commodity",
        Description = "Each chapter's 'Salient Statistics—United States' table, row for row: statistic (as the release groups them), the detail label as printed, year, value, unit as stated (never converted), status and the cell as printed. E is 'net exporter' (status not-applicable), W withheld, >95 a lower bound.",
        ResponseType = typeof(Envelope<UsStatisticJson>), ParametersFrom = typeof(UsStatisticsDataset), Csv = true)]
    [Function(nameof(GetUsStatistics))]
    public Task<IActionResult> GetUsStatistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/us-statistics")] HttpRequest req, CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, UsStatisticsDataset.Name, cancellationToken);

    [ApiOperation("United States", "U.S. import sources of every commodity",
        Description = "Each chapter's 'Import Sources' line, row for row: over the period printed (2021–24), each country's share in percent of U.S. imports of the product named; 'Other countries' (and labels naming several countries) with include_aggregates=true.",
        ResponseType = typeof(Envelope<UsImportSourceJson>), ParametersFrom = typeof(UsImportSourcesDataset), Csv = true)]
    [Function(nameof(GetUsImportSources))]
    public Task<IActionResult> GetUsImportSources(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/us-import-sources")] HttpRequest req, CancellationToken cancellationToken) =>
        endpoint.RespondAsync(req, UsImportSourcesDataset.Name, cancellationToken);
}
