namespace RareEarthApi.Http;

public enum ParameterKind
{
    String,
    StringList,
    Integer,
    Boolean,
}

/// <summary>
/// One query parameter of one route, declared once: the request parser checks against it and the OpenAPI
/// document is generated from it.
/// </summary>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    string Description,
    string? Example = null,
    string? Default = null,
    IReadOnlyList<string>? Values = null,
    int? Minimum = null,
    int? Maximum = null);
