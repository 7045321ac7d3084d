using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.Restrictions;

/// <summary>The restrictions dataset: a curated file (bundled seed or uploaded file, one parser), served from memory.</summary>
internal static class RestrictionsDataset
{
    public const string Name = "restrictions";

    public static readonly DatasetText Text = new(
        Name,
        "Export-restriction events on rare earths and related materials",
        "Quotas, duties, licensing, bans, technology catalogues, de facto halts, suspensions and WTO dispute steps: who imposed them, on which elements, HS and customs codes, against whom, under which instrument (issuing bodies, number), when, their dated status changes and their status on a given date. Each event cites its sources.",
        "Compiled by RareEarthApi from the official announcements and the reports each event cites (sourceUrls).",
        "CC BY 4.0 (the compilation); the cited sources keep their own terms");

    /// <summary>Spellings a user may type for a type: US "license", and the name the technology catalogue had before.</summary>
    private static readonly IReadOnlyDictionary<string, string> TypeAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["license"] = "licence",
        ["technology-ban"] = "technology-catalogue",
    };

    public static DatasetDescriptor<RestrictionEvent, RestrictionJson> Descriptor { get; } = new()
    {
        Text = Text,
        Codec = new RestrictionCodec(),
        SeedFile = "restrictions.csv",
        Curated = (content, fileName, services) => RestrictionFile.Parse(content, fileName, services.Countries, services.Commodities),
        Coverage = new(DatasetCoverage.CountedImposingCountries, r => r.Start?.Year, r => r.Country, _ => RestrictionFile.Edition.Id),
        Filters =
        [
            DatasetFilters.Countries<RestrictionEvent>(new("country", ParameterKind.StringList, "Countries imposing the measure (ISO3, ISO2, name or alias), comma-separated.", "CHN"), e => e.Country),
            DatasetFilters.Elements<RestrictionEvent>(e => e.Elements),
            DatasetFilters.Hs<RestrictionEvent>((e, hs) => e.HsCodes.Any(c => CommodityQuery.Overlaps(c, hs))),
            DatasetFilters.Vocabulary<RestrictionEvent>(
                new("type", ParameterKind.StringList, "Measure types, comma-separated (wto-dispute: the steps of WTO disputes DS431/432/433).", "licence,ban", null, RestrictionEvent.Types),
                e => e.Type,
                _ => RestrictionEvent.Types,
                (type, known) => DatasetFilters.IgnoringCase(TypeAliases.GetValueOrDefault(type.ToLowerInvariant()) ?? type, known),
                type => $"type '{type}' is not a measure type of this dataset."),
            Dates,
            AsOf,
            Status,
        ],
        Order = rows => rows.OrderBy(e => e.Start ?? DateOnly.MinValue).ThenBy(e => e.Id, StringComparer.Ordinal),
        Warnings = (query, match) =>
        [
            .. match.Rows.Count == 0
                ? [$"No restriction events match this selection; the dataset holds {query.Context.Snapshot.Rows.Count} events of {string.Join(", ", query.Context.Snapshot.Rows.Select(e => e.Country).Distinct())}."]
                : Array.Empty<string>(),
            .. StatusWarnings(match.Rows, query.Context.Snapshot, query.Get<DateOnly>("as_of")),
        ],
        Wire = query => e => RestrictionJson.From(e, query.Get<DateOnly>("as_of"), query.Context.Snapshot, query.Context.Services.Countries),
        CsvColumns = RestrictionJson.CsvColumns,
        JsonContext = o => new RestrictionJsonContext(o),
    };

    /// <summary>from/to: events in force, announced or ending in the inclusive range.</summary>
    private static IDatasetFilter<RestrictionEvent> Dates => new DatasetFilter<RestrictionEvent, (DateOnly? From, DateOnly? To)>(
        [
            new("from", ParameterKind.Date, "Events in force, announced or ending on or after this date (yyyy-MM-dd).", "2010-01-01"),
            new("to", ParameterKind.Date, "Events announced (or in force) on or before this date (yyyy-MM-dd).", "2015-12-31"),
        ],
        (q, _) =>
        {
            var from = QueryParts.Date(q, "from");
            var to = QueryParts.Date(q, "to");
            if (from > to)
            {
                q.Fail("from", RestrictionCodec.Text(from), $"'from' ({RestrictionCodec.Text(from)}) is after 'to' ({RestrictionCodec.Text(to)}); the range is inclusive and must run forwards.");
            }

            return (from, to);
        },
        v => [("from", RestrictionCodec.Text(v.From)), ("to", RestrictionCodec.Text(v.To))],
        (v, _) => rows => rows.Where(e => e.Overlaps(v.From, v.To)));

    /// <summary>as_of: the date each event's status is given for; today (UTC) by default.</summary>
    private static IDatasetFilter<RestrictionEvent> AsOf => new DatasetFilter<RestrictionEvent, DateOnly>(
        [new("as_of", ParameterKind.Date, "The date each event's status is given for (yyyy-MM-dd); default today (UTC). After the compilation's date, a warning says the status is what the compilation knew.", "2026-01-01")],
        (q, c) => QueryParts.Date(q, "as_of") ?? c.Services.Today,
        v => [("as_of", RestrictionCodec.Text(v))]);

    /// <summary>status: only the events with one of these statuses on as_of (status=in-force&amp;as_of=2025-06-01 is what was in force that day).</summary>
    private static IDatasetFilter<RestrictionEvent> Status => new DatasetFilter<RestrictionEvent, IReadOnlyList<string>>(
        [new("status", ParameterKind.StringList, "Only events with this status on as_of, comma-separated: status=in-force&as_of=2025-06-01 is what was in force that day.", "in-force", null, RestrictionEvent.Statuses)],
        (q, _) =>
        {
            var statuses = new List<string>();
            foreach (var status in q.List("status"))
            {
                if (DatasetFilters.IgnoringCase(status.Replace('_', '-'), RestrictionEvent.Statuses) is { } match)
                {
                    statuses.Add(match);
                }
                else
                {
                    q.Fail("status", status, $"status '{status}' is not a status an event can have on as_of.", RestrictionEvent.Statuses);
                }
            }

            return statuses;
        },
        v => [("status", v.Distinct())],
        (v, query) => v.Count == 0 ? null : rows => rows.Where(e => v.Contains(e.StatusOn(query.Get<DateOnly>("as_of")))));

    /// <summary>What a status on <paramref name="asOf"/> can and cannot say, for the events listed.</summary>
    internal static IEnumerable<string> StatusWarnings(IReadOnlyList<RestrictionEvent> rows, DatasetSnapshot<RestrictionEvent> snapshot, DateOnly asOf)
    {
        if (snapshot.Edition(RestrictionFile.Edition.Id) is { } edition && asOf > edition.Published)
        {
            yield return $"as_of {RestrictionCodec.Text(asOf)} is after {RestrictionCodec.Text(edition.Published)}, the date of the latest event this compilation ({edition.Id}) records: " +
                         "each status is what the compilation knew then; notices published later (new measures, extensions, early lifts) are not reflected.";
        }

        var unknown = rows.Where(e => e.StatusOn(asOf) == RestrictionEvent.Unknown).ToList();
        foreach (var e in unknown.Where(e => e.Start is not null))
        {
            yield return $"{e.Id}: the sources give its start only as {RestrictionEvent.Text(e.Start!.Value, e.StartPrecision)}, so on {RestrictionCodec.Text(asOf)} it may or may not have begun: 'unknown' until {RestrictionCodec.Text(e.StartKnownBy)}, then by its dates.";
        }

        if (unknown.Where(e => e.Start is null).Select(e => e.Id).ToList() is { Count: > 0 } undated)
        {
            yield return $"{string.Join(", ", undated)}: no announced or effective date is stored, so the status before the end date is 'unknown' (never 'in-force' on a date the measure may not yet have existed).";
        }

        foreach (var group in rows.Where(e => e.StatusOn(asOf) == RestrictionEvent.SuspensionExpired).GroupBy(e => e.SuspendedUntil))
        {
            yield return $"{string.Join(", ", group.Select(e => e.InstrumentNumber ?? e.Id))}: the suspension ran until {RestrictionCodec.Text(group.Key)}; the sources compiled say nothing of what followed " +
                         "(the measures resuming, the suspension being extended, or the measures being lifted), so the status is 'suspension-expired', not 'in-force' or 'lifted'.";
        }
    }
}

/// <summary>One restriction event as the API returns it, with its status on the as_of date.</summary>
public sealed record RestrictionJson(
    string Id,
    string Country,
    string CountryName,
    RestrictionType Type,
    string Title,
    string? Announced, // yyyy-MM-dd, or yyyy-MM / yyyy when the sources give no more (startPrecision)
    string? Effective,
    [DataType(DataType.Date)] string? Ended,
    [DataType(DataType.Date)] string? Suspended,
    [DataType(DataType.Date)] string? SuspendedUntil,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> HsCodes,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> CustomsCodes,
    string Instrument,
    IReadOnlyList<string> IssuingBodies,
    string? InstrumentNumber,
    DatePrecision StartPrecision,
    RestrictionStatus Status,
    [DataType(DataType.Date)] string StatusAsOf,
    IReadOnlyList<StatusChangeJson> StatusChanges,
    IReadOnlyList<string> SourceUrls,
    string? Note,
    SourceJson Source)
{
    internal static RestrictionJson From(RestrictionEvent e, DateOnly asOf, DatasetSnapshot<RestrictionEvent> snapshot, CountryCatalog countries) => new(
        e.Id, e.Country, countries.ByIso3(e.Country)?.Name ?? e.Country, WireEnum.Of<RestrictionType>(e.Type), e.Title,
        Start(e, e.Announced), e.Announced is null ? Start(e, e.Effective) : RestrictionCodec.Text(e.Effective), RestrictionCodec.Text(e.Ended),
        RestrictionCodec.Text(e.Suspended), RestrictionCodec.Text(e.SuspendedUntil),
        e.Elements, e.HsCodes, e.Targets, e.CustomsCodes, e.Instrument, e.IssuingBodies, e.InstrumentNumber, e.StartPrecision,
        WireEnum.Of<RestrictionStatus>(e.StatusOn(asOf)), RestrictionCodec.Text(asOf)!,
        [.. e.StatusChanges().Select(c => new StatusChangeJson(RestrictionEvent.Text(c.Date, c.Precision), WireEnum.Of<RestrictionStatus>(c.Status)))],
        e.SourceUrls, e.Note,
        SourceCitation.Of(snapshot.Edition(RestrictionFile.Edition.Id), RestrictionFile.Edition.Id, e.InstrumentNumber is null ? e.Instrument : $"{e.Instrument}, {e.InstrumentNumber}"));

    /// <summary>The start date as precise as the sources give it (yyyy, yyyy-MM or yyyy-MM-dd).</summary>
    private static string? Start(RestrictionEvent e, DateOnly? date) => date is { } d ? RestrictionEvent.Text(d, e.StartPrecision) : null;

    public static IReadOnlyList<CsvColumn<RestrictionJson>> CsvColumns { get; } =
    [
        new("id", r => r.Id),
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("type", r => WireEnum.Text(r.Type)),
        new("title", r => r.Title),
        new("announced", r => r.Announced),
        new("effective", r => r.Effective),
        new("ended", r => r.Ended),
        new("suspended", r => r.Suspended),
        new("suspendedUntil", r => r.SuspendedUntil),
        new("elements", r => CsvList.Join(r.Elements)),
        new("hsCodes", r => CsvList.Join(r.HsCodes)),
        new("targets", r => CsvList.Join(r.Targets)),
        new("customsCodes", r => CsvList.Join(r.CustomsCodes)),
        new("instrument", r => r.Instrument),
        new("issuingBodies", r => CsvList.Join(r.IssuingBodies)),
        new("instrumentNumber", r => r.InstrumentNumber),
        new("startPrecision", r => WireEnum.Text(r.StartPrecision)),
        new("status", r => WireEnum.Text(r.Status)),
        new("statusAsOf", r => r.StatusAsOf),
        new("statusChanges", r => CsvList.Join(r.StatusChanges.Select(c => $"{c.Date} {WireEnum.Text(c.Status)}"))),
        new("sourceUrls", r => CsvList.Join(r.SourceUrls)),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<RestrictionJson>(r => r.Source),
    ];
}

/// <summary>One dated step of an event (the timeline): from this date (yyyy, yyyy-MM or yyyy-MM-dd) the event has this status.</summary>
public sealed record StatusChangeJson(string Date, RestrictionStatus Status);

/// <summary>Compile-time JSON for the restrictions route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<RestrictionJson>))]
internal sealed partial class RestrictionJsonContext : JsonSerializerContext
{
}
