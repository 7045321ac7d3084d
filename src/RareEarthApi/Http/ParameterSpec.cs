namespace RareEarthApi.Http;

public enum ParameterKind
{
    String,
    StringList,
    Integer,
    Boolean,

    /// <summary>An ISO 8601 date, yyyy-MM-dd (OpenAPI: string, format date).</summary>
    Date,
}

/// <summary>
/// One query parameter of one route, declared once: the request parser checks against it and the OpenAPI
/// document is generated from it. <see cref="Required"/>: the route answers 400 when it is absent; <see cref="Values"/>:
/// the closed set a choice or list takes (documented as an enum).
/// </summary>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    string Description,
    string? Example = null,
    string? Default = null,
    IReadOnlyList<string>? Values = null,
    int? Minimum = null,
    int? Maximum = null,
    bool Required = false);
