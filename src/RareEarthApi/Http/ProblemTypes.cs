namespace RareEarthApi.Http;

/// <summary>Every problem type the API answers with; GET /api/problems/{name} documents each.</summary>
public static class ProblemTypes
{
    public sealed record ProblemType(string Name, int Status, string Title, string Description)
    {
        public string Uri => "/api/problems/" + Name;
    }

    public static readonly ProblemType InvalidParameter = new(
        "invalid-parameter", 400, "Invalid parameter",
        "A query parameter is unknown, repeated, malformed or out of range. `errors` names each parameter, the value sent, and the accepted values or suggestions.");

    public static readonly ProblemType NotFound = new(
        "not-found", 404, "Not found", "No route or resource at this address.");

    public static readonly ProblemType MethodNotAllowed = new(
        "method-not-allowed", 405, "Method not allowed", "The route exists but does not answer this HTTP method; the Allow header lists the methods it does.");

    public static readonly ProblemType Unauthorized = new(
        "unauthorized", 401, "Key required", "Admin routes need a function key in the x-functions-key header (or the code query parameter).");

    public static readonly ProblemType InvalidKey = new(
        "invalid-key", 401, "Invalid key", "The function key given (x-functions-key header or code query parameter) is not a key of this app. The key is never echoed.");

    public static readonly ProblemType Conflict = new(
        "conflict", 409, "Conflict",
        "The operation conflicts with what is going on or configured: a run is already going on (try again when it has finished), a run lost its lease to another, or the dataset is refreshed from a configured address and takes no uploads. `detail` says which.");

    public static readonly ProblemType PayloadTooLarge = new(
        "payload-too-large", 413, "Payload too large", "The request body is larger than the route takes; `detail` says the limit.");

    public static readonly ProblemType UriTooLong = new(
        "uri-too-long", 414, "URI too long",
        "The path and query are longer than the host takes; `detail` says the length and the limit. Ask for fewer values per request or split it.");

    public static readonly ProblemType StorageUnavailable = new(
        "storage-unavailable", 503, "Storage unavailable",
        "The data store could not be reached and this instance holds no copy of the dataset, or a refresh run was stopped by it (`detail` names the run). Retry after the number of seconds in Retry-After.");

    public static readonly ProblemType NotPublished = new(
        "not-published", 503, "Dataset not published yet",
        "The dataset has no published version yet (the first load or refresh has not finished). Retry after the number of seconds in Retry-After.");

    public static readonly ProblemType InternalError = new(
        "internal-error", 500, "Internal error", "An unexpected error. It has been logged with the traceId in the body.");

    public static IReadOnlyList<ProblemType> All { get; } =
        [InvalidParameter, NotFound, MethodNotAllowed, Unauthorized, InvalidKey, Conflict, PayloadTooLarge, UriTooLong, StorageUnavailable, NotPublished, InternalError];
}
