namespace RareEarthApi.Http;

/// <summary>What was wrong with one parameter: the value, why, and what would have been accepted.</summary>
public sealed record ParameterError(
    string Parameter,
    string? Value,
    string Detail,
    IReadOnlyList<string>? Accepted = null,
    IReadOnlyList<string>? Suggestions = null);
