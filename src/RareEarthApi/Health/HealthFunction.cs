using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.OpenApi;

namespace RareEarthApi.Health;

public sealed record HealthReport(
    [property: AllowedValues("ok", "unavailable")] string Status,
    [property: AllowedValues("ok", "unreachable")] string Storage,
    DateTimeOffset CheckedAt,
    IReadOnlyDictionary<string, string?> Datasets,
    string? Detail);

/// <summary>Checks storage itself (not the in-memory copy): 200 when it answers, 503 with Retry-After when not.</summary>
internal sealed class HealthFunction(DatasetVersionStore store, IEnumerable<IDatasetSeed> datasets, IOptions<ServingOptions> serving, TimeProvider time)
{
    [ApiOperation("Operations", "Health of the API and its storage",
        Description = "200 when Table Storage answers; 503 with Retry-After when it does not.", ResponseType = typeof(HealthReport))]
    [ApiResponse(503, "Table Storage did not answer; retry after Retry-After seconds.", ResponseType = typeof(HealthReport), RetryAfter = true)]
    [Function(nameof(GetHealth))]
    public async Task<IActionResult> GetHealth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? detail = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            foreach (var dataset in datasets.Select(d => d.Dataset).Distinct(StringComparer.Ordinal))
            {
                versions[dataset] = (await store.GetCurrentAsync(dataset, timeout.Token))?.Version;
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            detail = "Table Storage did not answer: " + (e is RequestFailedException r ? $"HTTP {r.Status} {r.ErrorCode}" : e.GetType().Name);
        }

        var healthy = detail is null;
        var report = new HealthReport(healthy ? "ok" : "unavailable", healthy ? "ok" : "unreachable", time.GetUtcNow(), versions, detail);
        var headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" };
        if (!healthy)
        {
            headers["Retry-After"] = serving.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new BytesResult(healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
            "application/json; charset=utf-8", JsonSerializer.SerializeToUtf8Bytes(report, HealthJsonContext.Report), headers);
    }
}

/// <summary>Compile-time JSON for the health route (ApiJson's options).</summary>
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<HealthReport> Report { get; } = ApiJson.TypeInfo<HealthReport>(o => new HealthJsonContext(o));
}
