using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;
using RareEarthApi.Refresh.Curated;

namespace RareEarthApi.Refresh;

/// <summary>Admin routes (Function key): run a source's refresh now, or upload a curated file.</summary>
internal sealed class RefreshAdminFunctions(
    RefreshPipeline pipeline, IEnumerable<ICuratedDataset> curated, IOptions<CuratedRefreshOptions> addresses, IOptions<RefreshOptions> options, IOptions<ServingOptions> serving)
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    public static IReadOnlyList<ParameterSpec> PathParameters { get; } =
    [
        new("source", ParameterKind.String, "The refresh source: usgs, comtrade or curated.", "curated"),
    ];

    [ApiOperation("Admin", "Run a source's refresh now",
        Description = "Downloads, archives, validates and publishes as the schedule does, and returns the run record: 200 when it succeeded, was unchanged or had nothing to publish; " +
                      "a failed run is never a 200, so curl -f and monitors see it: 502 the source failed and 422 its file was rejected (each with the run record), 503 storage failed, 409 the run lost its lease, 500 a bug (a problem naming the run, listed by GET /api/v1/refresh/runs). " +
                      "Sources: usgs, comtrade, curated. 409 while a run of the source is going on; 401 without a function key (x-functions-key).",
        ResponseType = typeof(RefreshRun), ParametersFrom = typeof(RefreshAdminFunctions))]
    [ApiResponse(502, "The run failed because the source could not be downloaded (an error status, a timeout, a truncated body); the body is the run record. The served data is unchanged.", ResponseType = typeof(RefreshRun))]
    [ApiResponse(422, "The run failed because the source's file or rows were rejected by validation; the body is the run record, whose message says what is wrong. The served data is unchanged.", ResponseType = typeof(RefreshRun))]
    [Function(nameof(RunRefresh))]
    public async Task<IActionResult> RunRefresh(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/admin/refresh/{source}")] HttpRequest req,
        string source,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, Parameters);
        var known = pipeline.Sources.Select(s => s.Name).ToList();
        var match = pipeline.Find(source);
        if (match is null)
        {
            q.Fail("source", source, $"'{source}' is not a refresh source.", known);
        }

        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        return Answer(await pipeline.RunAsync(match!, "admin", cancellationToken), match!.Name);
    }

    [ApiOperation("Admin", "Upload a curated file",
        Description = "The request body is the file, in the bundled seed's format for the dataset; it is archived, validated and published like a download, and the run record is returned. " +
                      "Uploads are for datasets without a configured address (Refresh:Curated:*Url): where one is configured, that file is the source of truth and an upload is answered 409. " +
                      "409 also while a curated run is going on; 413 beyond Refresh:MaxUploadMegabytes; 401 without a function key.",
        ResponseType = typeof(RefreshRun), ParametersFrom = typeof(UploadQuery), RequestBody = "text/csv",
        RequestBodyDescription = "The whole file, UTF-8 CSV with the columns of the bundled seed (Seed/refining.csv, Seed/restrictions.csv); at most Refresh:MaxUploadMegabytes.")]
    [ApiResponse(413, "The body is larger than Refresh:MaxUploadMegabytes; nothing was published.")]
    [ApiResponse(422, "The file was rejected by validation; the body is the run record, whose message lists every problem with its line. The served data is unchanged.", ResponseType = typeof(RefreshRun))]
    [Function(nameof(UploadCuratedRefresh))]
    public async Task<IActionResult> UploadCuratedRefresh(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/admin/upload/{dataset}")] HttpRequest req,
        string dataset,
        CancellationToken cancellationToken)
    {
        var q = new QueryReader(req, UploadQuery.Parameters);
        var name = q.Single("name") ?? dataset + ".csv";
        var target = curated.LastOrDefault(c => c.Dataset == dataset);
        if (target is null)
        {
            q.Fail("dataset", dataset, $"'{dataset}' takes no uploads.", curated.Select(c => c.Dataset).Order(StringComparer.Ordinal).ToList());
        }

        if (name.IndexOfAny(['/', '\\']) >= 0)
        {
            q.Fail("name", name, "'name' is a file name, without folders.", ["refining.csv"]);
        }

        if (req.ContentLength is 0)
        {
            q.Fail("body", "", "The request body is empty; send the file as the body.");
        }

        if (q.HasErrors)
        {
            return ProblemResult.InvalidParameters(q.Errors);
        }

        if (addresses.Value.Urls().TryGetValue(dataset, out var url))
        {
            // Otherwise the next scheduled run would publish the address's file over the upload.
            return ProblemResult.Of(ProblemTypes.Conflict,
                $"'{dataset}' is refreshed from its configured address ({url}), which is the source of truth: the next scheduled run would replace an upload. " +
                "Publish the file at that address (or remove the address from the configuration to take uploads).");
        }

        if (req.ContentLength > options.Value.MaxUploadBytes)
        {
            return TooLarge();
        }

        var upload = new CuratedUpload(target!, req.Body, name);
        var run = await pipeline.RunAsync(upload, "upload", cancellationToken);
        return upload.TooLarge ? TooLarge() : Answer(run, CuratedSource.SourceName);
    }

    private ProblemResult TooLarge() =>
        ProblemResult.Of(ProblemTypes.PayloadTooLarge, $"The upload is larger than Refresh:MaxUploadMegabytes ({options.Value.MaxUploadMegabytes} MB); nothing was published.");

    /// <summary>
    /// A failed run is not a 200, so a caller (curl -f, a monitor) sees it: 502 and 422 carry the run record; a run
    /// stopped by storage, the host or a lost lease answers the problem those statuses always carry (503, 409), and
    /// a bug 500, each naming the run, whose record GET /api/v1/refresh/runs lists.
    /// </summary>
    private IActionResult Answer(RefreshRun? run, string source)
    {
        if (run is null)
        {
            return ProblemResult.Of(ProblemTypes.Conflict, $"A refresh of '{source}' is already running; try again when it has finished.");
        }

        var detail = $"Run {run.RunId} of '{run.Source}' failed: {run.Message}";
        return run.Outcome != RefreshOutcome.Failed
            ? RunRecord(StatusCodes.Status200OK, run)
            : run.Failure switch
            {
                RefreshFailure.Source => RunRecord(StatusCodes.Status502BadGateway, run),
                RefreshFailure.Rejected => RunRecord(StatusCodes.Status422UnprocessableEntity, run),
                RefreshFailure.LockLost => ProblemResult.Of(ProblemTypes.Conflict, detail),
                RefreshFailure.Storage or RefreshFailure.Cancelled or RefreshFailure.Interrupted =>
                    ProblemResult.Of(ProblemTypes.StorageUnavailable, detail, retryAfterSeconds: serving.Value.RetryAfterSeconds),
                _ => ProblemResult.Of(ProblemTypes.InternalError, detail),
            };
    }

    private static BytesResult RunRecord(int status, RefreshRun run) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(run, RefreshJson.Run),
            new Dictionary<string, string> { ["Cache-Control"] = "no-store" });
}

/// <summary>The upload route's query parameters.</summary>
internal static class UploadQuery
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("name", ParameterKind.String, "File name of the upload; its extension is kept in the raw archive.", "refining.csv"),
    ];

    public static IReadOnlyList<ParameterSpec> PathParameters { get; } =
    [
        new("dataset", ParameterKind.String, "The curated dataset the file replaces (refining, restrictions).", "refining"),
    ];
}
