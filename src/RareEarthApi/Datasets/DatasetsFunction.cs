using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Datasets;

/// <summary>The catalog: every dataset with its served version, coverage, editions, sources and citation.</summary>
internal sealed class DatasetsFunction(IEnumerable<IDatasetDescriber> describers, IEnumerable<IDatasetStatusSource> statuses, DatasetResponder responder)
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    [ApiOperation("Catalog", "Dataset catalog",
        Description = "Every dataset with its served version, coverage, editions, row counts, last publish, licence and citation.",
        ResponseType = typeof(Envelope<DatasetInfo>), ParametersFrom = typeof(DatasetsFunction))]
    [Function(nameof(GetDatasets))]
    public async Task<IActionResult> GetDatasets(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/datasets")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        // All at once: on hung storage each dataset's version check waits its bounded time side by side, not in turn.
        var infos = await Task.WhenAll(describers.Select(d => DescribeAsync(d, cancellationToken)));

        var version = string.Join("+", infos.Select(i => i.DataVersion));
        var lastUpdated = infos.Length > 0 ? infos.Max(i => i.LastPublished) : DateTimeOffset.UnixEpoch;
        var meta = new ResponseMeta("datasets", infos.Length, infos.Length, new Dictionary<string, string>(), version, lastUpdated,
            "RareEarthApi dataset catalog; cite each dataset as its citation says.", []);
        var links = new ResponseLinks(responder.Link(req, new Dictionary<string, string>()), null, null);

        // Refresh runs and staleness change the catalog without a new data version: the ETag is the body's own hash.
        return responder.JsonWithBodyETag(req, new Envelope<DatasetInfo>(infos, meta, links), DatasetInfoJsonContext.Envelope, lastUpdated);
    }

    private async Task<DatasetInfo> DescribeAsync(IDatasetDescriber describer, CancellationToken cancellationToken)
    {
        var info = await describer.DescribeAsync(cancellationToken);
        foreach (var status in statuses)
        {
            info = await status.AddStatusAsync(info, cancellationToken);
        }

        return info;
    }
}
