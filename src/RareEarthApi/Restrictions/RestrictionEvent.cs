using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Restrictions;

/// <summary>How much of a start date the sources give: the day, only the month, or only the year.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DatePrecision>))]
public enum DatePrecision
{
    [JsonStringEnumMemberName("day")]
    Day,

    [JsonStringEnumMemberName("month")]
    Month,

    [JsonStringEnumMemberName("year")]
    Year,
}

/// <summary>One step in an event's life: from this date (as precise as <see cref="Precision"/>) the event has this status.</summary>
public sealed record StatusChange(DateOnly Date, DatePrecision Precision, string Status);

/// <summary>
/// One export-restriction event: who imposed what on which elements and HS codes, against whom, under which
/// instrument (issuing bodies, number and year), when it was announced, took effect, was suspended or ended, and
/// where that is written. A WTO dispute step is an event of its own (type wto-dispute, dated by its announced date).
/// A null date is one the sources do not give (or the project could not verify), never a guess; a start known only to
/// the month or year says so in <see cref="StartPrecision"/> and is stored as the first day of that month or year.
/// </summary>
public sealed record RestrictionEvent(
    string Id,
    string Country,
    string Type,
    string Title,
    DateOnly? Announced,
    DateOnly? Effective,
    DateOnly? Ended,
    DateOnly? Suspended,
    DateOnly? SuspendedUntil,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> HsCodes,
    IReadOnlyList<string> Targets,
    string Instrument,
    string? InstrumentNumber,
    IReadOnlyList<string> SourceUrls,
    string? Note,
    IReadOnlyList<string> IssuingBodies,
    IReadOnlyList<string> CustomsCodes,
    DatePrecision StartPrecision = DatePrecision.Day)
{
    public const string AllTargets = "all";
    public const string WtoDispute = "wto-dispute";

    public static IReadOnlyList<string> Types { get; } = WireEnum.Names<RestrictionType>();

    public const string NotYetAnnounced = "not-yet-announced";
    public const string InForce = "in-force";
    public const string SuspensionExpired = "suspension-expired";
    public const string Occurred = "occurred";
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> Statuses { get; } = WireEnum.Names<RestrictionStatus>();

    /// <summary>The first date the event is known by: announced, else effective.</summary>
    public DateOnly? Start => Announced ?? Effective;

    /// <summary>The first day after the period the start is known to (the start itself when the day is known).</summary>
    public DateOnly? StartKnownBy => Start is not { } start ? null : StartPrecision switch
    {
        DatePrecision.Year => start.AddYears(1),
        DatePrecision.Month => start.AddMonths(1),
        _ => start,
    };

    /// <summary>
    /// What the event is on a date, as far as the compilation records it: not yet announced; announced (not yet, or not
    /// known to be, in force); in force; suspended (inside a suspension window); suspension-expired (the suspension's end
    /// date has passed and the sources say nothing of what followed: resumed, extended or lifted); lifted (ended); a WTO
    /// dispute step has occurred from its date. 'unknown' only inside the month or year a start is known to (it may or
    /// may not have begun by that day), or for a stored event without any start date.
    /// </summary>
    public string StatusOn(DateOnly date)
    {
        if (Start is { } start && date < start)
        {
            return NotYetAnnounced;
        }

        if (Type == WtoDispute && Start is not null)
        {
            return Occurred;
        }

        if (Ended is { } ended && date >= ended)
        {
            return "lifted";
        }

        if (Start is null || date < StartKnownBy)
        {
            return Unknown;
        }

        if (Suspended is { } suspended && date >= suspended)
        {
            return SuspendedUntil is { } until && date >= until ? SuspensionExpired : "suspended";
        }

        return Effective is { } effective && date >= effective ? InForce : "announced";
    }

    /// <summary>The dated steps of the event in order (what a timeline draws): announced, in force, suspended, suspension expired, lifted.</summary>
    public IReadOnlyList<StatusChange> StatusChanges()
    {
        if (Type == WtoDispute)
        {
            return Start is { } when ? [new StatusChange(when, StartPrecision, Occurred)] : [];
        }

        var changes = new List<StatusChange>();
        if (Announced is { } announced && (Effective is null || Effective > announced))
        {
            changes.Add(new StatusChange(announced, Effective is null ? StartPrecision : DatePrecision.Day, "announced"));
        }

        if (Effective is { } effective)
        {
            changes.Add(new StatusChange(effective, Announced is null ? StartPrecision : DatePrecision.Day, InForce));
        }

        if (Suspended is { } suspended)
        {
            changes.Add(new StatusChange(suspended, DatePrecision.Day, "suspended"));
        }

        if (SuspendedUntil is { } until)
        {
            changes.Add(new StatusChange(until, DatePrecision.Day, SuspensionExpired));
        }

        if (Ended is { } ended)
        {
            changes.Add(new StatusChange(ended, DatePrecision.Day, "lifted"));
        }

        return [.. changes.OrderBy(c => c.Date)];
    }

    /// <summary>Whether the event's span (first known date to end) overlaps [from, to].</summary>
    public bool Overlaps(DateOnly? from, DateOnly? to) =>
        (to is null || (Start ?? DateOnly.MinValue) <= to) && (from is null || (Ended ?? DateOnly.MaxValue) >= from);

    /// <summary>A date as the compilation gives it: yyyy-MM-dd, or yyyy-MM / yyyy when only the month or year is known.</summary>
    public static string Text(DateOnly date, DatePrecision precision) => precision switch
    {
        DatePrecision.Year => date.ToString("yyyy", CultureInfo.InvariantCulture),
        DatePrecision.Month => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads yyyy-MM-dd, yyyy-MM or yyyy; a partial date is the first day of its month or year.</summary>
    public static (DateOnly Date, DatePrecision Precision)? ParsePartial(string text)
    {
        foreach (var (format, precision) in new[] { ("yyyy-MM-dd", DatePrecision.Day), ("yyyy-MM", DatePrecision.Month), ("yyyy", DatePrecision.Year) })
        {
            if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return (date, precision);
            }
        }

        return null;
    }
}

/// <summary>Restriction rows in the rows table: a partition per imposing country within a version, row key = event id.</summary>
internal sealed class RestrictionCodec() : RecordCodec<RestrictionEvent>(new RecordColumns
{
    RowKey = nameof(RestrictionEvent.Id),
    Order =
    [
        "Country", "Type", "Title", "Announced", "Effective", "StartPrecision", "Ended", "Suspended", "SuspendedUntil",
        "Elements", "HsCodes", "CustomsCodes", "Targets", "Instrument", "IssuingBodies", "InstrumentNumber", "SourceUrls", "Note",
    ],
    Separators = new Dictionary<string, char> { [nameof(RestrictionEvent.SourceUrls)] = ' ' },
})
{
    public override string Shard(RestrictionEvent row) => row.Country;

    public override string RowKey(RestrictionEvent row) => row.Id;

    internal static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The curated restrictions file: one event per row, lists separated by '|' (source URLs by spaces),
/// <c>rare-earths</c> in elements meaning all seventeen. The bundled seed and an uploaded file share this parser.
/// issuingBodies and customsCodes (the 8–10-digit Chinese customs commodity numbers an instrument quotes) are optional
/// columns, so a file written before they existed still uploads.
/// </summary>
internal static class RestrictionFile
{
    public static readonly IReadOnlyList<string> RequiredColumns =
    [
        "id", "country", "type", "title", "announced", "effective", "ended", "suspended", "suspendedUntil",
        "elements", "hsCodes", "targets", "instrument", "instrumentNumber", "sourceUrls", "note",
    ];

    public static readonly IReadOnlyList<string> Columns = [.. RequiredColumns, "issuingBodies", "customsCodes"];

    public static readonly SourceEdition Edition = new(
        "rareearthapi-restrictions", "rareearthapi", "RareEarthApi curated export-restriction events (each event cites its own sources)",
        "RareEarthApi", DateOnly.MinValue, null, null);

    public static (DatasetContent<RestrictionEvent> Content, IReadOnlyList<string> Problems) Parse(
        Stream content, string fileName, CountryCatalog countries, CommodityCatalog commodities)
    {
        var file = CuratedFile.Read(content, fileName, RequiredColumns);
        var rows = new List<RestrictionEvent>();
        if (file.HasProblems)
        {
            return (new DatasetContent<RestrictionEvent>(rows, []), file.Problems);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rareEarths = commodities.Elements.Where(e => e.Commodity == "rare-earths").Select(e => e.Symbol).ToList();
        foreach (var (r, line) in file.Rows.Select((r, i) => (r, i + 2)))
        {
            var id = file.Id(r, line, ids);
            var country = file.Country(r, line, countries);

            var type = file.Required(r, "type", line);
            if (type is not null && !RestrictionEvent.Types.Contains(type))
            {
                file.Problem(line, $"type '{type}' is not one of {string.Join(", ", RestrictionEvent.Types)}.");
            }

            var (announced, effective, precision) = StartDates(file, r, line);
            var ended = file.Date(r, "ended", line);
            var suspended = file.Date(r, "suspended", line);
            var suspendedUntil = file.Date(r, "suspendedUntil", line);
            if (announced > effective)
            {
                file.Problem(line, $"effective {RestrictionCodec.Text(effective)} is before announced {RestrictionCodec.Text(announced)}.");
            }

            if (ended < (effective ?? announced))
            {
                file.Problem(line, $"ended {RestrictionCodec.Text(ended)} is before the event began.");
            }

            if (suspendedUntil is not null && (suspended is null || suspendedUntil <= suspended))
            {
                file.Problem(line, "suspendedUntil needs a suspended date before it.");
            }

            if (type == RestrictionEvent.WtoDispute && announced is null)
            {
                file.Problem(line, "a wto-dispute step is dated by its announced date (the day of the request, report or ruling); announced is empty.");
            }

            var elements = new List<string>();
            foreach (var item in CuratedFile.List(r, "elements"))
            {
                if (item == "rare-earths")
                {
                    elements.AddRange(rareEarths);
                }
                else if (commodities.Element(item) is { } element)
                {
                    elements.Add(element.Symbol);
                }
                else
                {
                    file.Problem(line, $"element '{item}' is not an element symbol in elements.csv (or 'rare-earths' for all seventeen).");
                }
            }

            var hs = CuratedFile.List(r, "hsCodes");
            foreach (var code in hs.Where(c => commodities.Hs(c) is null))
            {
                file.Problem(line, $"HS code '{code}' is not one of {string.Join(", ", commodities.HsCodeList)}.");
            }

            var customs = CuratedFile.List(r, "customsCodes");
            foreach (var code in customs.Where(c => c.Length is < 4 or > 10 || !c.All(char.IsAsciiDigit)))
            {
                file.Problem(line, $"customs code '{code}' is not a commodity number of 4 to 10 digits as the instrument quotes it.");
            }

            var targets = CuratedFile.List(r, "targets");
            foreach (var target in targets.Where(t => t != RestrictionEvent.AllTargets && countries.ByIso3(t) is null))
            {
                file.Problem(line, $"target '{target}' is neither 'all' nor an ISO3 code in the country crosswalk.");
            }

            var urls = (r.Optional("sourceUrls") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (urls.Length == 0 || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                file.Problem(line, "sourceUrls must list at least one http(s) URL, separated by spaces.");
            }

            var title = file.Required(r, "title", line);
            var instrument = file.Required(r, "instrument", line);
            if (id is null || country is null || type is null || title is null || instrument is null)
            {
                continue;
            }

            rows.Add(new RestrictionEvent(id, country, type, title, announced, effective, ended, suspended, suspendedUntil,
                elements.Distinct(StringComparer.Ordinal).ToList(), hs, targets.Count > 0 ? targets : [RestrictionEvent.AllTargets],
                instrument, r.Optional("instrumentNumber"), urls, r.Optional("note"), CuratedFile.List(r, "issuingBodies"), customs, precision));
        }

        // The file is its own edition, dated by the latest event it records.
        var latest = rows.SelectMany(e => new[] { e.Announced, e.Effective, e.Suspended }).OfType<DateOnly>().DefaultIfEmpty(DateOnly.MinValue).Max();
        return (new DatasetContent<RestrictionEvent>(rows, [Edition with { Published = latest }]), file.Problems);
    }

    /// <summary>
    /// announced and effective: at least one is required (an event the file cannot date is refused, so no status is
    /// 'unknown' without a reason). The one that starts the event may be a month (yyyy-MM) or a year (yyyy) when the
    /// sources give no more; when both are given, both are days.
    /// </summary>
    private static (DateOnly? Announced, DateOnly? Effective, DatePrecision Precision) StartDates(CuratedFile file, IReadOnlyDictionary<string, string> r, int line)
    {
        (DateOnly Date, DatePrecision Precision)? Read(string column)
        {
            if (r.Optional(column) is not { } text)
            {
                return null;
            }

            if (RestrictionEvent.ParsePartial(text) is { } parsed)
            {
                return parsed;
            }

            file.Problem(line, $"{column} '{text}' is not a date written yyyy-MM-dd (or yyyy-MM, yyyy when the sources give no more).");
            return null;
        }

        var hasAnnounced = r.Optional("announced") is not null;
        var hasEffective = r.Optional("effective") is not null;
        var announced = Read("announced");
        var effective = Read("effective");
        if (!hasAnnounced && !hasEffective)
        {
            file.Problem(line, "announced and effective are both empty; an event needs at least one date (yyyy-MM-dd, or yyyy-MM / yyyy when the sources give no more).");
        }

        if (announced is { Precision: not DatePrecision.Day } && effective is not null || effective is { Precision: not DatePrecision.Day } && announced is not null)
        {
            file.Problem(line, "a month or year alone is accepted only when it is the event's one start date; with both announced and effective, write both as yyyy-MM-dd.");
        }

        return (announced?.Date, effective?.Date, (announced ?? effective)?.Precision ?? DatePrecision.Day);
    }
}

/// <summary>The kind of measure.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestrictionType>))]
public enum RestrictionType
{
    [JsonStringEnumMemberName("quota")]
    Quota,

    [JsonStringEnumMemberName("duty")]
    Duty,

    [JsonStringEnumMemberName("licence")]
    Licence,

    [JsonStringEnumMemberName("ban")]
    Ban,

    [JsonStringEnumMemberName("de-facto-halt")]
    DeFactoHalt,

    [JsonStringEnumMemberName("suspension")]
    Suspension,

    [JsonStringEnumMemberName("technology-catalogue")]
    TechnologyCatalogue,

    [JsonStringEnumMemberName("regulation")]
    Regulation,

    [JsonStringEnumMemberName(RestrictionEvent.WtoDispute)]
    WtoDispute,
}

/// <summary>An event's status on a date, as the compilation records it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestrictionStatus>))]
public enum RestrictionStatus
{
    [JsonStringEnumMemberName("not-yet-announced")]
    NotYetAnnounced,

    [JsonStringEnumMemberName("announced")]
    Announced,

    [JsonStringEnumMemberName("in-force")]
    InForce,

    [JsonStringEnumMemberName("suspended")]
    Suspended,

    [JsonStringEnumMemberName(RestrictionEvent.SuspensionExpired)]
    SuspensionExpired,

    [JsonStringEnumMemberName("lifted")]
    Lifted,

    [JsonStringEnumMemberName(RestrictionEvent.Occurred)]
    Occurred,

    [JsonStringEnumMemberName(RestrictionEvent.Unknown)]
    Unknown,
}
