namespace RareEarthApi.Countries;

/// <summary>
/// A source's country or area label resolved: the crosswalk row, and what the source printed beside the name
/// ("beneficiated, marketable", "footnote 10", "rounded; natural"), or null when it printed the name alone.
/// </summary>
public sealed record SourceLabelMatch(Country Country, string? Qualifier);
