using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Indicators;
using RareEarthApi.Production;
using SortKey = RareEarthApi.Production.SortKey;

namespace RareEarthApi.Trade;

/// <summary>The trade dataset: the bundled UN Comtrade sample, published as versions and served from memory.</summary>
internal sealed class TradeDataset(SnapshotCache cache, CountryCatalog countries, CommodityCatalog commodities) : IDatasetSeed
{
    public const string Name = "trade";

    public static readonly DatasetText Text = new(
        Name,
        "Rare-earth trade flows by reporter, partner, HS code and year",
        "Annual imports and exports of rare-earth metals (280530), compounds (2846: 284610, 284690) and permanent magnets of metal (850511): value in USD, net weight in kg, valuation (CIF/FOB), as reported or mirrored. A small sample; each deployment's refresh pulls more with its own key.",
        "UN Comtrade Database, United Nations Statistics Division (https://comtradeplus.un.org/); a small sample compiled by RareEarthApi.",
        "UN Comtrade terms of use: attribution required; no wholesale redistribution");

    public string Dataset => Name;

    public TradeCodec Codec { get; } = new();

    public ValueTask<DatasetSnapshot<TradeFlow>> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(Name, Codec, cancellationToken);

    public Task PublishAsync(DatasetVersionStore store, CancellationToken cancellationToken) =>
        store.PublishAsync(Name, Read(countries, commodities), Codec, "seed", cancellationToken);

    public static DatasetContent<TradeFlow> Read(CountryCatalog countries, CommodityCatalog commodities)
    {
        using var editionsReader = new StreamReader(SeedFiles.Path("trade-editions.csv"));
        var editions = ObservationSeed.ReadEditions(editionsReader, "trade-editions.csv");
        using var rowsReader = new StreamReader(SeedFiles.Path("trade.csv"));
        var typed = TradeSeed.Read(rowsReader, "trade.csv", countries, commodities, editions);
        var raw = TradeRawSeed.Read(countries, commodities, editions);

        // A typed row for what a bundled response covers would serve two figures for one flow.
        var covered = raw.Select(Coverage).ToHashSet();
        if (typed.FirstOrDefault(r => covered.Contains(Coverage(r))) is { } twice)
        {
            throw new InvalidDataException($"trade.csv: {twice.Reporter} {twice.Flow} HS {twice.Hs} {twice.Year} is covered by a bundled Comtrade response (Seed/{TradeRawSeed.Folder}); leave it out of trade.csv.");
        }

        return new DatasetContent<TradeFlow>([.. typed, .. raw], editions);
    }

    private static (string Reporter, string Flow, string Hs, int Year) Coverage(TradeFlow r) => (r.Reporter, r.Flow, r.Hs, r.Year);

    public IDatasetDescriber Describer() => new SnapshotDescriber<TradeFlow>(Text, GetAsync, countries, DatasetCoverage.CountedReporters, r => r.Year, r => r.Reporter, r => r.Edition);
}

/// <summary>A validated trade query.</summary>
internal sealed record TradeQuery(
    IReadOnlyList<string> Reporters,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> Flows,
    IReadOnlyList<string> Hs,
    int? Start,
    int? End,
    bool IncludeAggregates,
    ResponseFormat Format,
    int Limit,
    int Offset,
    IReadOnlyList<SortKey> Sort,
    IReadOnlyDictionary<string, string> Normalised) : IPagedQuery
{
    public static IReadOnlyList<string> SortFields { get; } = ["reporter", "partner", "flow", "hs", "year", "value", "weight"];

    public static IReadOnlyList<ParameterSpec> Parameters { get; } =
    [
        new("reporter", ParameterKind.StringList, "Reporting countries (ISO3, ISO2, name or alias), comma-separated.", "CHN"),
        new("partner", ParameterKind.StringList, "Partner countries, comma-separated; WLD (World) is the reporter's total.", "MMR,MYS"),
        new("flow", ParameterKind.StringList, "import, export, or both.", "import", null, TradeFlow.Flows),
        CommodityQuery.Hs,
        QueryParts.Year,
        QueryParts.Start,
        QueryParts.End,
        QueryParts.IncludeAggregates("Add the World rows (partner WLD, UN Comtrade W00/0): the reporter's total over all partners."),
        ResponseFormats.Parameter,
        QueryParts.Limit,
        QueryParts.Cursor,
        new("sort", ParameterKind.StringList, "Sort fields, comma-separated; '-' sorts descending. Fields: reporter, partner, flow, hs, year, value, weight.", "-value", "reporter,year,flow,hs,partner"),
    ];

    public static (TradeQuery? Query, IReadOnlyList<ParameterError> Errors) Parse(
        HttpRequest request, DatasetSnapshot<TradeFlow> snapshot, CountryCatalog countries, CommodityCatalog commodities)
    {
        var q = new QueryReader(request.Query, Parameters);
        var reporters = QueryParts.Countries(q, "reporter", countries);
        var partners = QueryParts.Countries(q, "partner", countries);
        var flows = new List<string>();
        foreach (var flow in q.List("flow"))
        {
            if (flow.ToLowerInvariant() switch { "import" or "m" => TradeFlow.Import, "export" or "x" => TradeFlow.Export, _ => null } is { } match)
            {
                flows.Add(match);
            }
            else
            {
                q.Fail("flow", flow, $"flow '{flow}' must be import or export.", TradeFlow.Flows);
            }
        }

        var (hs, _) = CommodityQuery.HsCodes(q, commodities);
        var (start, end) = QueryParts.Years(q);
        var includeAggregates = q.Boolean("include_aggregates") ?? false;
        var format = ResponseFormats.Read(q, request);
        var limit = q.Integer("limit") ?? ObservationQuery.DefaultLimit;
        var sort = QueryParts.Sort(q, SortFields, [new("reporter", false), new("year", false), new("flow", false), new("hs", false), new("partner", false)]);
        var cursor = q.Single("cursor");
        if (q.HasErrors)
        {
            return (null, q.Errors);
        }

        var normalised = QueryParts.Canonical(("include_aggregates", includeAggregates), ("limit", limit), ("sort", sort),
            ("reporter", reporters), ("partner", partners), ("flow", flows.Order(StringComparer.Ordinal).Distinct()), ("hs", hs),
            ("start", start), ("end", end));
        var (offset, error) = QueryParts.Page(normalised, cursor, snapshot);
        if (error is not null)
        {
            return (null, [error]);
        }

        return (new TradeQuery(reporters, partners, flows, hs, start, end, includeAggregates, format, limit, offset, sort, normalised), []);
    }

    public (List<TradeFlow> Rows, List<string> Warnings) Run(DatasetSnapshot<TradeFlow> snapshot, CountryCatalog countries)
    {
        var anyHs = snapshot.Rows
            .Where(r => Reporters.Count == 0 || Reporters.Contains(r.Reporter))
            .Where(r => Partners.Count > 0 ? Partners.Contains(r.Partner) : IncludeAggregates || countries.ByIso3(r.Partner) is not { IsAggregate: true })
            .Where(r => Flows.Count == 0 || Flows.Contains(r.Flow))
            .ToList();
        var inScope = anyHs.Where(r => Hs.Count == 0 || Hs.Contains(r.Hs)).ToList();
        var matched = inScope.Where(r => (Start is null || r.Year >= Start) && (End is null || r.Year <= End));
        var rows = QueryParts.Order(matched, Sort, SortKeys, r => $"{r.Reporter}|{r.Partner}|{r.Flow}|{r.Hs}|{r.Year:D4}|{r.Basis}|{r.Edition}");
        var warnings = new List<string>();
        foreach (var reporter in Reporters.Where(rep => snapshot.Rows.All(r => r.Reporter != rep)))
        {
            warnings.Add($"{countries.ByIso3(reporter)?.Name ?? reporter} ({reporter}) reports no flows in the bundled sample; reporters with data: {string.Join(", ", snapshot.Rows.Select(r => r.Reporter).Distinct().Order(StringComparer.Ordinal))}.");
        }

        warnings.AddRange(HeadingOnlyWarnings(anyHs.Where(r => (Start is null || r.Year >= Start) && (End is null || r.Year <= End)).ToList(), countries));
        if (rows.Count == 0 && warnings.Count == 0)
        {
            warnings.Add(QueryParts.NoRows("trade flows", "No trade flows for this selection in the bundled sample; GET /api/v1/datasets says what it covers.",
                inScope.Select(r => r.Year).ToList(), Start, End, listYears: true));
        }

        return (rows, warnings);
    }

    /// <summary>
    /// A 6-digit code asked without its heading, where a reporter has no rows under it but reports the 4-digit heading
    /// (China reports 2846, the total of 284610 and 284690): say so, rather than a bare "no flows".
    /// </summary>
    private IEnumerable<string> HeadingOnlyWarnings(List<TradeFlow> anyHsInYears, CountryCatalog countries)
    {
        foreach (var code in Hs.Where(c => c.Length == 6 && !Hs.Contains(c[..4])))
        {
            var heading = code[..4];
            var reporters = anyHsInYears.Where(r => r.Hs == heading).Select(r => r.Reporter).Distinct(StringComparer.Ordinal)
                .Where(rep => !anyHsInYears.Any(r => r.Reporter == rep && r.Hs == code))
                .Order(StringComparer.Ordinal);
            foreach (var reporter in reporters)
            {
                yield return $"{countries.ByIso3(reporter)?.Name ?? reporter} ({reporter}) reports HS {heading} at the 4-digit level, not {code}; ask hs={heading}.";
            }
        }
    }

    private static readonly IReadOnlyDictionary<string, Func<TradeFlow, IComparable?>> SortKeys = new Dictionary<string, Func<TradeFlow, IComparable?>>
    {
        ["reporter"] = r => r.Reporter,
        ["partner"] = r => r.Partner,
        ["flow"] = r => r.Flow,
        ["hs"] = r => r.Hs,
        ["year"] = r => r.Year,
        ["value"] = r => r.ValueUsd,
        ["weight"] = r => r.NetWeightKg,
    };
}

/// <summary>One trade flow as the API returns it.</summary>
public sealed record TradeJson(
    string Reporter,
    string ReporterName,
    string Partner,
    string PartnerName,
    bool PartnerIsAggregate,
    string Flow,
    string Hs,
    int HsLevel,
    string HsDescription,
    int Year,
    double? ValueUsd,
    double? NetWeightKg,
    bool NetWeightEstimated,
    string Valuation,
    string Basis,
    string? Note,
    SourceJson Source)
{
    internal static TradeJson From(TradeFlow r, DatasetSnapshot<TradeFlow> snapshot, CountryCatalog countries, CommodityCatalog commodities)
    {
        var partner = countries.ByIso3(r.Partner);
        return new TradeJson(
            r.Reporter,
            countries.ByIso3(r.Reporter)?.Name ?? r.Reporter,
            r.Partner,
            partner?.Name ?? r.Partner,
            partner?.IsAggregate ?? false,
            r.Flow,
            r.Hs,
            r.Hs.Length,
            commodities.Hs(r.Hs)?.Description ?? "",
            r.Year,
            r.ValueUsd,
            r.NetWeightKg,
            r.NetWeightEstimated,
            r.Valuation,
            r.Basis,
            r.Note,
            SourceCitation.Of(snapshot.Edition(r.Edition), r.Edition, $"{r.ReporterLabel} / {r.PartnerLabel}"));
    }

    public static IReadOnlyList<CsvColumn<TradeJson>> CsvColumns { get; } =
    [
        new("reporter", r => r.Reporter),
        new("reporterName", r => r.ReporterName),
        new("partner", r => r.Partner),
        new("partnerName", r => r.PartnerName),
        new("partnerIsAggregate", r => r.PartnerIsAggregate ? "true" : "false"),
        new("flow", r => r.Flow),
        new("hs", r => r.Hs),
        new("hsLevel", r => r.HsLevel.ToString(CultureInfo.InvariantCulture)),
        new("hsDescription", r => r.HsDescription),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("valueUsd", r => r.ValueUsd?.ToString("R", CultureInfo.InvariantCulture)),
        new("netWeightKg", r => r.NetWeightKg?.ToString("R", CultureInfo.InvariantCulture)),
        new("netWeightEstimated", r => r.NetWeightEstimated ? "true" : "false"),
        new("valuation", r => r.Valuation),
        new("basis", r => r.Basis),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<TradeJson>(r => r.Source),
    ];
}

/// <summary>GET /api/v1/trade.</summary>
internal sealed class TradeEndpoint(TradeDataset dataset, CountryCatalog countries, CommodityCatalog commodities, DatasetEndpoint endpoint)
{
    private readonly DatasetRoute<TradeFlow, TradeQuery, TradeJson> _route = new(
        TradeDataset.Text.Name,
        TradeDataset.Text.Citation,
        (request, snapshot) => TradeQuery.Parse(request, snapshot, countries, commodities),
        (query, snapshot) => query.Run(snapshot, countries),
        (_, snapshot) => r => TradeJson.From(r, snapshot, countries, commodities),
        TradeJson.CsvColumns,
        SupplyJson.Web.EnvelopeTradeJson);

    public async Task<IActionResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.Respond(request, await dataset.GetAsync(cancellationToken), _route);
}
