using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Refresh.Comtrade;
using RareEarthApi.Refresh.Curated;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Storage;

namespace RareEarthApi.Refresh;

/// <summary>The recent refresh runs of each source, as public records: what ran, how it ended, what it published.</summary>
internal sealed class RefreshRunsFunction(RefreshRunStore runs, DatasetResponder responder, IOptions<ServingOptions> serving)
{
    private static readonly IReadOnlyList<string> SourceNames = [ComtradeSource.SourceName, CuratedSource.SourceName, UsgsSource.SourceName];

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("source", ParameterKind.String, "Only this source's runs (default: every source).", "usgs", Values: SourceNames),
        new("limit", ParameterKind.Integer, $"Runs per source, newest first (at most {RefreshRunStore.MaxListed}).", "5", "10", Minimum: 1, Maximum: RefreshRunStore.MaxListed),
    ];

    [ApiOperation("Catalog", "Recent refresh runs",
        Description = "The newest runs of each refresh source (usgs, comtrade, curated), newest first: trigger, started, finished, outcome (running, succeeded, unchanged, not-published, failed), " +
                      "why a failed run failed, rows, message, the dataset versions it published and the editions it left out. The served data is the catalog's; this is how it got there.",
        ResponseType = typeof(Envelope<RefreshRunListing>), ParametersFrom = typeof(RefreshRunsFunction))]
    [Function(nameof(GetRefreshRuns))]
    public async Task<IActionResult> GetRefreshRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/refresh/runs")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        var source = q.Choice("source");
        var limit = q.Integer("limit") ?? 10;
        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        var sources = source is null ? SourceNames : [source];
        IReadOnlyList<RefreshRun>[] lists;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Like a version check: hung storage costs this request a few seconds, then a 503.
            bounded.CancelAfter(TimeSpan.FromSeconds(serving.Value.VersionCheckTimeoutSeconds));
            try
            {
                lists = await Task.WhenAll(sources.Select(s => runs.RecentAsync(s, limit, bounded.Token)));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StorageUnavailableException("The refresh runs could not be read from Table Storage.", e);
            }
        }

        var listed = lists.SelectMany(l => l).Select(RefreshRunListing.Of).ToList();
        var normalised = new Dictionary<string, string> { ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (source is not null)
        {
            normalised["source"] = source;
        }

        var lastUpdated = listed.Count > 0 ? listed.Max(r => r.Finished ?? r.Started) : DateTimeOffset.UnixEpoch;
        var version = string.Join("+", lists.Select(l => l.Count > 0 ? l[0].RunId : "none"));
        var meta = new ResponseMeta("refresh-runs", listed.Count, listed.Count, normalised, version, lastUpdated,
            "Refresh runs of this RareEarthApi deployment; cite each dataset as the catalog says.", []);
        var envelope = new Envelope<RefreshRunListing>(listed, meta, new ResponseLinks(responder.Link(req, normalised), null, null));
        return responder.JsonWithBodyETag(req, envelope, RefreshJson.Listing, lastUpdated);
    }
}

/// <summary>
/// One run as the public runs route lists it: no file hashes, blob names or internals; its message is the run's
/// public message (no exception types, no library state, no raw bytes of a file).
/// </summary>
public sealed record RefreshRunListing(
    string Source,
    string RunId,
    string Trigger,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    RefreshOutcome Outcome,
    RefreshFailure? Failure,
    int Rows,
    string? Message,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<PublishedVersion> Published,
    IReadOnlyList<string> Rejected)
{
    public static RefreshRunListing Of(RefreshRun run) =>
        new(run.Source, run.RunId, run.Trigger, run.Started, run.Finished, run.Outcome, run.Failure, run.Rows, run.Message, run.Datasets, run.Published, run.Rejected);
}
