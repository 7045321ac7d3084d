using Azure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Storage;

namespace RareEarthApi.Http;

/// <summary>
/// The one place an unexpected exception becomes a response: storage trouble (refused, failed or hung) is a 503 with
/// Retry-After, anything else a 500; never a stack trace. Used by the Functions middleware and by the local host.
/// </summary>
public sealed partial class ExceptionProblemMapper(IOptions<ServingOptions> serving, ILogger<ExceptionProblemMapper> logger)
{
    /// <summary>
    /// The response for an exception; <paramref name="requestAborted"/> tells a client that went away (logged at Debug,
    /// answered 499, without a body, to nobody) from a timeout inside (storage's own timeouts are cancellations too).
    /// </summary>
    public IActionResult Map(Exception exception, CancellationToken requestAborted = default)
    {
        exception = Unwrap(exception);
        switch (exception)
        {
            case OperationCanceledException when requestAborted.IsCancellationRequested:
                LogAborted(logger);
                return new StatusCodeResult(ClientClosedRequest);
            case StorageUnavailableException or RequestFailedException or HttpRequestException:
                LogStorage(logger, exception);
                return ProblemResult.Of(ProblemTypes.StorageUnavailable, "The data store is unavailable. Try again shortly.", retryAfterSeconds: serving.Value.RetryAfterSeconds);
            case OperationCanceledException or TimeoutException:
                // The client is still there: something inside gave up waiting, which here is storage (the SDK's network
                // timeout is a cancellation, and after its retries an aggregate of them). Hung storage is a 503 too.
                LogStorage(logger, exception);
                return ProblemResult.Of(ProblemTypes.StorageUnavailable, "The data store did not answer in time. Try again shortly.", retryAfterSeconds: serving.Value.RetryAfterSeconds);
            case DatasetNotPublishedException notPublished:
                LogNotPublished(logger, notPublished.Dataset);
                return ProblemResult.Of(ProblemTypes.NotPublished, exception.Message, retryAfterSeconds: serving.Value.RetryAfterSeconds);
            default:
                LogUnexpected(logger, exception);
                return ProblemResult.Of(ProblemTypes.InternalError, "An unexpected error occurred; it has been logged.");
        }
    }

    /// <summary>
    /// What was thrown, out of the wrappers a host or the SDK adds: a reflection call's, and an aggregate's (the Azure
    /// SDK's "retry failed after N tries" holds the attempts' failures; the first says what kind of failure it was).
    /// </summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    /// <summary>What proxies log when the client went first (nginx's 499); nobody reads the body.</summary>
    public const int ClientClosedRequest = 499;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request aborted by the client")]
    private static partial void LogAborted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving a request")]
    private static partial void LogStorage(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset} requested before its first publish")]
    private static partial void LogNotPublished(ILogger logger, string dataset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving a request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
