using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;

namespace RareEarthApi.Restrictions;

/// <summary>
/// One export-restriction event: who imposed what on which elements and HS codes, against whom, under which
/// instrument, when it was announced, took effect, was suspended or ended, and where that is written.
/// A null date is one the sources do not give (or the project could not verify), never a guess.
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
    string? Note)
{
    public const string AllTargets = "all";

    public static IReadOnlyList<string> Types { get; } = WireEnum.Names<RestrictionType>();

    public const string SuspensionExpired = "suspension-expired";
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> Statuses { get; } = WireEnum.Names<RestrictionStatus>();

    /// <summary>The first date the event is known by: announced, else effective.</summary>
    public DateOnly? Start => Announced ?? Effective;

    /// <summary>
    /// What the event is on a date, as far as the compilation records it: not yet announced; announced (not yet, or not
    /// known to be, in force); in force; suspended (inside a suspension window); suspension-expired (the suspension's end
    /// date has passed and the sources say nothing of what followed: resumed, extended or lifted); lifted (ended).
    /// Without an announced or effective date, the event is unknown before it ends: its start is not bundled, so it is
    /// never said to be in force on a date it may not yet have existed.
    /// </summary>
    public string StatusOn(DateOnly date)
    {
        if (Start is { } start && date < start)
        {
            return "not-yet-announced";
        }

        if (Ended is { } ended && date >= ended)
        {
            return "lifted";
        }

        if (Start is null)
        {
            return Unknown;
        }

        if (Suspended is { } suspended && date >= suspended)
        {
            return SuspendedUntil is { } until && date >= until ? SuspensionExpired : "suspended";
        }

        return Effective is { } effective && date >= effective ? "in-force" : "announced";
    }

    /// <summary>Whether the event's span (first known date to end) overlaps [from, to].</summary>
    public bool Overlaps(DateOnly? from, DateOnly? to) =>
        (to is null || (Start ?? DateOnly.MinValue) <= to) && (from is null || (Ended ?? DateOnly.MaxValue) >= from);
}

/// <summary>Restriction rows in the rows table: a partition per imposing country within a version, row key = event id.</summary>
internal sealed class RestrictionCodec : IRowCodec<RestrictionEvent>
{
    public string Shard(RestrictionEvent row) => row.Country;

    public string RowKey(RestrictionEvent row) => row.Id;

    public void Write(RestrictionEvent row, TableEntity entity)
    {
        entity["Country"] = row.Country;
        entity["Type"] = row.Type;
        entity["Title"] = row.Title;
        entity["Announced"] = Text(row.Announced);
        entity["Effective"] = Text(row.Effective);
        entity["Ended"] = Text(row.Ended);
        entity["Suspended"] = Text(row.Suspended);
        entity["SuspendedUntil"] = Text(row.SuspendedUntil);
        entity["Elements"] = string.Join("|", row.Elements);
        entity["HsCodes"] = string.Join("|", row.HsCodes);
        entity["Targets"] = string.Join("|", row.Targets);
        entity["Instrument"] = row.Instrument;
        entity["InstrumentNumber"] = row.InstrumentNumber;
        entity["SourceUrls"] = string.Join(" ", row.SourceUrls);
        entity["Note"] = row.Note;
    }

    public RestrictionEvent Read(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Country"),
        entity.GetString("Type"),
        entity.GetString("Title") ?? "",
        Date(entity.GetString("Announced")),
        Date(entity.GetString("Effective")),
        Date(entity.GetString("Ended")),
        Date(entity.GetString("Suspended")),
        Date(entity.GetString("SuspendedUntil")),
        Split(entity.GetString("Elements"), '|'),
        Split(entity.GetString("HsCodes"), '|'),
        Split(entity.GetString("Targets"), '|'),
        entity.GetString("Instrument") ?? "",
        entity.GetString("InstrumentNumber"),
        Split(entity.GetString("SourceUrls"), ' '),
        entity.GetString("Note"));

    internal static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Split(string? text, char separator) => (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The curated restrictions file: one event per row, lists separated by '|' (source URLs by spaces),
/// <c>rare-earths</c> in elements meaning all seventeen. The bundled seed and an uploaded file share this parser.
/// </summary>
internal static class RestrictionFile
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "country", "type", "title", "announced", "effective", "ended", "suspended", "suspendedUntil",
        "elements", "hsCodes", "targets", "instrument", "instrumentNumber", "sourceUrls", "note",
    ];

    public static readonly SourceEdition Edition = new(
        "rareearthapi-restrictions", "rareearthapi", "RareEarthApi curated export-restriction events (each event cites its own sources)",
        "RareEarthApi", DateOnly.MinValue, null, null);

    public static (DatasetContent<RestrictionEvent> Content, IReadOnlyList<string> Problems) Parse(
        Stream content, string fileName, CountryCatalog countries, CommodityCatalog commodities)
    {
        var file = CuratedFile.Read(content, fileName, Columns);
        var rows = new List<RestrictionEvent>();
        if (file.HasProblems)
        {
            return (new DatasetContent<RestrictionEvent>(rows, []), file.Problems);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var rareEarths = commodities.Elements.Where(e => e.Commodity == "rare-earths").Select(e => e.Symbol).ToList();
        foreach (var (r, line) in file.Rows.Select((r, i) => (r, i + 2)))
        {
            var id = file.Required(r, "id", line);
            if (id is not null && (!id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || !ids.Add(id)))
            {
                file.Problem(line, $"id '{id}' must be unique and written in lower-case letters, digits and hyphens.");
            }

            var country = file.Required(r, "country", line);
            if (country is not null && countries.ByIso3(country) is not { IsAggregate: false })
            {
                file.Problem(line, $"country '{country}' is not an ISO3 code in the country crosswalk.");
            }

            var type = file.Required(r, "type", line);
            if (type is not null && !RestrictionEvent.Types.Contains(type))
            {
                file.Problem(line, $"type '{type}' is not one of {string.Join(", ", RestrictionEvent.Types)}.");
            }

            var announced = file.Date(r, "announced", line);
            var effective = file.Date(r, "effective", line);
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
                instrument, r.Optional("instrumentNumber"), urls, r.Optional("note")));
        }

        // The file is its own edition, dated by the latest event it records.
        var latest = rows.SelectMany(e => new[] { e.Announced, e.Effective, e.Suspended }).OfType<DateOnly>().DefaultIfEmpty(DateOnly.MinValue).Max();
        return (new DatasetContent<RestrictionEvent>(rows, [Edition with { Published = latest }]), file.Problems);
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

    [JsonStringEnumMemberName("technology-ban")]
    TechnologyBan,

    [JsonStringEnumMemberName("regulation")]
    Regulation,
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

    [JsonStringEnumMemberName(RestrictionEvent.Unknown)]
    Unknown,
}
