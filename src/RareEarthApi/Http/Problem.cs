namespace RareEarthApi.Http;

/// <summary>An RFC 9457 problem details body. <see cref="Type"/> is a relative URI the API documents.</summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    IReadOnlyList<ParameterError>? Errors = null,
    string? TraceId = null,
    string? Instance = null);
