using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.OpenApi;
using RareEarthApi.Production;

namespace RareEarthApi.Restrictions;

/// <summary>The restrictions dataset: a curated file (bundled seed or uploaded file, one parser), served from memory.</summary>
internal sealed class RestrictionsDataset(SnapshotCache cache, CountryCatalog countries, CommodityCatalog commodities) : ICuratedDataset, IDatasetSeed
{
    public const string Name = "restrictions";
    public const string SeedFile = "restrictions.csv";

    public static readonly DatasetText Text = new(
        Name,
        "Export-restriction events on rare earths and related materials",
        "Quotas, duties, licensing, bans, de facto halts and suspensions: who imposed them, on which elements and HS codes, against whom, under which instrument, when, and their status on a given date. Each event cites its sources.",
        "Compiled by RareEarthApi from the official announcements and the reports each event cites (sourceUrls).",
        "CC BY 4.0 (the compilation); the cited sources keep their own terms");

    public string Dataset => Name;

    public RestrictionCodec Codec { get; } = new();

    public ValueTask<DatasetSnapshot<RestrictionEvent>> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(Name, Codec, cancellationToken);

    public ParsedDataset Parse(Stream content, string fileName)
    {
        var (parsed, problems) = RestrictionFile.Parse(content, fileName, countries, commodities);
        return CuratedFile.Parsed(Name, fileName, parsed, problems, Codec);
    }

    public Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken) =>
        CuratedFile.PublishSeedAsync(this, SeedFile, store, cancellationToken);

    public IDatasetDescriber Describer() =>
        new SnapshotDescriber<RestrictionEvent>(Text, GetAsync, countries, DatasetCoverage.CountedImposingCountries, r => r.Start?.Year, r => r.Country, _ => RestrictionFile.Edition.Id);
}

/// <summary>A validated restrictions query.</summary>
internal sealed record RestrictionsQuery(
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> Hs,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Statuses,
    DateOnly? From,
    DateOnly? To,
    DateOnly AsOf,
    ResponseFormat Format,
    int Limit,
    int Offset,
    IReadOnlyDictionary<string, string> Normalised) : IPagedQuery
{
    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("country", ParameterKind.StringList, "Countries imposing the measure (ISO3, ISO2, name or alias), comma-separated.", "CHN"),
        CommodityQuery.ElementParameter,
        CommodityQuery.Hs,
        new("type", ParameterKind.StringList, "Measure types, comma-separated (wto-dispute: the steps of WTO disputes DS431/432/433).", "licence,ban", null, RestrictionEvent.Types),
        new("status", ParameterKind.StringList, "Only events with this status on as_of, comma-separated: status=in-force&as_of=2025-06-01 is what was in force that day.", "in-force", null, RestrictionEvent.Statuses),
        new("from", ParameterKind.Date, "Events in force, announced or ending on or after this date (yyyy-MM-dd).", "2010-01-01"),
        new("to", ParameterKind.Date, "Events announced (or in force) on or before this date (yyyy-MM-dd).", "2015-12-31"),
        new("as_of", ParameterKind.Date, "The date each event's status is given for (yyyy-MM-dd); default today (UTC). After the compilation's date, a warning says the status is what the compilation knew.", "2026-01-01"),
        ResponseFormats.Parameter,
        QueryParts.Limit,
        QueryParts.Cursor,
    ];

    public static (RestrictionsQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        HttpRequest request, DatasetSnapshot<RestrictionEvent> snapshot, CountryCatalog countries, CommodityCatalog commodities, DateOnly today)
    {
        var q = new QueryReader(request.Query, Parameters);
        var wanted = QueryParts.Countries(q, "country", countries);
        var elements = CommodityQuery.Elements(q, commodities);
        var (hs, _) = CommodityQuery.HsCodes(q, commodities);
        var types = new List<string>();
        foreach (var type in q.List("type"))
        {
            if (RestrictionEvent.Types.FirstOrDefault(t => t.Equals(type, StringComparison.OrdinalIgnoreCase) || TypeAliases.GetValueOrDefault(type.ToLowerInvariant()) == t) is { } match)
            {
                types.Add(match);
            }
            else
            {
                q.Fail("type", type, $"type '{type}' is not a measure type of this dataset.", RestrictionEvent.Types);
            }
        }

        var statuses = new List<string>();
        foreach (var status in q.List("status"))
        {
            if (RestrictionEvent.Statuses.FirstOrDefault(t => t.Equals(status, StringComparison.OrdinalIgnoreCase) || (status.Equals("in_force", StringComparison.OrdinalIgnoreCase) && t == RestrictionEvent.InForce)) is { } match)
            {
                statuses.Add(match);
            }
            else
            {
                q.Fail("status", status, $"status '{status}' is not a status an event can have on as_of.", RestrictionEvent.Statuses);
            }
        }

        var from = QueryParts.Date(q, "from");
        var to = QueryParts.Date(q, "to");
        var asOf = QueryParts.Date(q, "as_of") ?? today;
        if (from > to)
        {
            q.Fail("from", RestrictionCodec.Text(from), $"'from' ({RestrictionCodec.Text(from)}) is after 'to' ({RestrictionCodec.Text(to)}); the range is inclusive and must run forwards.");
        }

        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? ObservationQuery.DefaultLimit;
        var cursor = q.Single("cursor");
        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var normalised = QueryParts.Canonical(("as_of", RestrictionCodec.Text(asOf)), ("limit", limit),
            ("country", wanted), ("element", elements), ("hs", hs), ("type", types.Distinct()), ("status", statuses.Distinct()),
            ("from", RestrictionCodec.Text(from)), ("to", RestrictionCodec.Text(to)));
        var (offset, error) = QueryParts.Page(normalised, cursor, snapshot);
        if (error is not null)
        {
            return (null, [error]);
        }

        return (new RestrictionsQuery(wanted, elements, hs, types, statuses, from, to, asOf, format, limit, offset, normalised), []);
    }

    /// <summary>Spellings a user may type for a type: US "license", and the name the technology catalogue had before.</summary>
    private static readonly IReadOnlyDictionary<string, string> TypeAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["license"] = "licence",
        ["technology-ban"] = "technology-catalogue",
    };

    public (List<RestrictionEvent> Rows, List<string> Warnings) Run(DatasetSnapshot<RestrictionEvent> snapshot)
    {
        var rows = snapshot.Rows
            .Where(e => Countries.Count == 0 || Countries.Contains(e.Country))
            .Where(e => Elements.Count == 0 || e.Elements.Any(Elements.Contains))
            .Where(e => Hs.Count == 0 || e.HsCodes.Any(c => CommodityQuery.Overlaps(c, Hs)))
            .Where(e => Types.Count == 0 || Types.Contains(e.Type))
            .Where(e => e.Overlaps(From, To))
            .Where(e => Statuses.Count == 0 || Statuses.Contains(e.StatusOn(AsOf)))
            .OrderBy(e => e.Start ?? DateOnly.MinValue)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var warnings = new List<string>();
        if (rows.Count == 0)
        {
            warnings.Add($"No restriction events match this selection; the dataset holds {snapshot.Rows.Count} events of {string.Join(", ", snapshot.Rows.Select(e => e.Country).Distinct())}.");
        }

        warnings.AddRange(StatusWarnings(rows, snapshot, AsOf));
        return (rows, warnings);
    }

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
    string Type,
    string Title,
    string? Announced,
    string? Effective,
    string? Ended,
    string? Suspended,
    string? SuspendedUntil,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> HsCodes,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> CustomsCodes,
    string Instrument,
    IReadOnlyList<string> IssuingBodies,
    string? InstrumentNumber,
    string StartPrecision,
    string Status,
    string StatusAsOf,
    IReadOnlyList<StatusChangeJson> StatusChanges,
    IReadOnlyList<string> SourceUrls,
    string? Note,
    SourceJson Source)
{
    internal static RestrictionJson From(RestrictionEvent e, DateOnly asOf, DatasetSnapshot<RestrictionEvent> snapshot, CountryCatalog countries) => new(
        e.Id, e.Country, countries.ByIso3(e.Country)?.Name ?? e.Country, e.Type, e.Title,
        Start(e, e.Announced), e.Announced is null ? Start(e, e.Effective) : RestrictionCodec.Text(e.Effective), RestrictionCodec.Text(e.Ended),
        RestrictionCodec.Text(e.Suspended), RestrictionCodec.Text(e.SuspendedUntil),
        e.Elements, e.HsCodes, e.Targets, e.CustomsCodes, e.Instrument, e.IssuingBodies, e.InstrumentNumber, e.StartPrecision.ToString().ToLowerInvariant(),
        e.StatusOn(asOf), RestrictionCodec.Text(asOf)!, [.. e.StatusChanges().Select(c => new StatusChangeJson(RestrictionEvent.Text(c.Date, c.Precision), c.Status))],
        e.SourceUrls, e.Note,
        SourceCitation.Of(snapshot.Edition(RestrictionFile.Edition.Id), RestrictionFile.Edition.Id, e.InstrumentNumber is null ? e.Instrument : $"{e.Instrument}, {e.InstrumentNumber}"));

    /// <summary>The start date as precise as the sources give it (yyyy, yyyy-MM or yyyy-MM-dd).</summary>
    private static string? Start(RestrictionEvent e, DateOnly? date) => date is { } d ? RestrictionEvent.Text(d, e.StartPrecision) : null;

    public static IReadOnlyList<CsvColumn<RestrictionJson>> CsvColumns { get; } =
    [
        new("id", r => r.Id),
        new("country", r => r.Country),
        new("countryName", r => r.CountryName),
        new("type", r => r.Type),
        new("title", r => r.Title),
        new("announced", r => r.Announced),
        new("effective", r => r.Effective),
        new("ended", r => r.Ended),
        new("suspended", r => r.Suspended),
        new("suspendedUntil", r => r.SuspendedUntil),
        new("elements", r => string.Join("|", r.Elements)),
        new("hsCodes", r => string.Join("|", r.HsCodes)),
        new("targets", r => string.Join("|", r.Targets)),
        new("customsCodes", r => string.Join("|", r.CustomsCodes)),
        new("instrument", r => r.Instrument),
        new("issuingBodies", r => string.Join("|", r.IssuingBodies)),
        new("instrumentNumber", r => r.InstrumentNumber),
        new("startPrecision", r => r.StartPrecision),
        new("status", r => r.Status),
        new("statusAsOf", r => r.StatusAsOf),
        new("statusChanges", r => string.Join("|", r.StatusChanges.Select(c => $"{c.Date} {c.Status}"))),
        new("sourceUrls", r => string.Join(" ", r.SourceUrls)),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<RestrictionJson>(r => r.Source),
    ];
}

/// <summary>One dated step of an event (the timeline): from this date (yyyy, yyyy-MM or yyyy-MM-dd) the event has this status.</summary>
public sealed record StatusChangeJson(string Date, string Status);

/// <summary>GET /api/v1/restrictions.</summary>
internal sealed class RestrictionsFunction(
    RestrictionsDataset dataset, CountryCatalog countries, CommodityCatalog commodities, DatasetEndpoint endpoint, TimeProvider time)
{
    private readonly DatasetRoute<RestrictionEvent, RestrictionsQuery, RestrictionJson> _route = new(
        RestrictionsDataset.Text.Name,
        RestrictionsDataset.Text.Citation,
        (request, snapshot) => RestrictionsQuery.Parse(request, snapshot, countries, commodities, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
        (query, snapshot) => query.Run(snapshot),
        (query, snapshot) => e => RestrictionJson.From(e, query.AsOf, snapshot, countries),
        RestrictionJson.CsvColumns,
        SupplyJson.Web.EnvelopeRestrictionJson);

    [ApiOperation("Restrictions", "Export-restriction events",
        Description = "Quotas, duties, licensing, bans, technology catalogues, de facto halts, suspensions and WTO dispute steps with dates, elements, HS and customs codes, targets, instrument (issuing bodies, number) and sources; status (not-yet-announced, announced, in-force, suspended, suspension-expired, lifted, occurred, unknown) on the as_of date, as the compilation records it, and the dated status changes (the timeline); status= filters on it; each row's source names the compilation edition.",
        ResponseType = typeof(Envelope<RestrictionJson>), ParametersFrom = typeof(RestrictionsQuery), Csv = true)]
    [Function(nameof(GetRestrictions))]
    public async Task<IActionResult> GetRestrictions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "v1/restrictions")] HttpRequest req,
        CancellationToken cancellationToken) =>
        endpoint.Respond(req, await dataset.GetAsync(cancellationToken), _route);
}
