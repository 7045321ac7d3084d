namespace RareEarthApi.Production;

/// <summary>
/// One figure: a measure of a commodity for a country and year, as one edition of one source gave it.
/// Generic on purpose, so that another commodity or measure is data, not code.
/// </summary>
public sealed record Observation(
    string Measure,
    string Commodity,
    string Country,
    string SourceLabel,
    int Year,
    double? Value,
    string Status,
    string Unit,
    string Basis,
    string? Note,
    string Edition);

/// <summary>What a value's status can say; a null value always carries one that says why.</summary>
public static class ObservationStatus
{
    public const string Reported = "reported";
    public const string Estimated = "estimated";
    public const string Revised = "revised";
    public const string Zero = "zero";
    public const string NotAvailable = "not-available";
    public const string Withheld = "withheld";
    public const string LowerBound = "lower-bound";
    public const string NotApplicable = "not-applicable";

    public static IReadOnlyList<string> All { get; } =
        [Reported, Estimated, Revised, Zero, NotAvailable, Withheld, LowerBound, NotApplicable];

    /// <summary>Statuses whose value may be null.</summary>
    public static bool AllowsNull(string status) => status is NotAvailable or Withheld or NotApplicable;
}
