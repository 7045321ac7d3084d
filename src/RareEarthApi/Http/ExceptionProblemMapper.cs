using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RareEarthApi.Datasets;
using RareEarthApi.Storage;

namespace RareEarthApi.Http;

/// <summary>
/// The one place an unexpected exception becomes a response: storage trouble is a 503 with Retry-After,
/// anything else a 500; never a stack trace. Used by the Functions middleware and by the local host.
/// </summary>
public sealed partial class ExceptionProblemMapper(IOptions<ServingOptions> serving, ILogger<ExceptionProblemMapper> logger)
{
    public ProblemResult Map(Exception exception)
    {
        switch (exception)
        {
            case StorageUnavailableException or RequestFailedException or HttpRequestException:
                LogStorage(logger, exception);
                return ProblemResult.Of(ProblemTypes.StorageUnavailable, "The data store is unavailable. Try again shortly.", retryAfterSeconds: serving.Value.RetryAfterSeconds);
            case DatasetNotPublishedException notPublished:
                LogNotPublished(logger, notPublished.Dataset);
                return ProblemResult.Of(ProblemTypes.NotPublished, exception.Message, retryAfterSeconds: serving.Value.RetryAfterSeconds);
            default:
                LogUnexpected(logger, exception);
                return ProblemResult.Of(ProblemTypes.InternalError, "An unexpected error occurred; it has been logged.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving a request")]
    private static partial void LogStorage(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dataset {Dataset} requested before its first publish")]
    private static partial void LogNotPublished(ILogger logger, string dataset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while serving a request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
