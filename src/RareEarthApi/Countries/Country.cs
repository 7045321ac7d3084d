namespace RareEarthApi.Countries;

/// <summary>One row of the country crosswalk: the codes each source uses, and the labels seen in them.</summary>
public sealed record Country(
    string Iso3,
    string? Iso2,
    string? M49,
    int? ComtradeCode,
    string Name,
    IReadOnlyList<string> Aliases,
    bool IsAggregate);
