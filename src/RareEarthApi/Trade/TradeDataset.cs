using System.Globalization;
using System.Text.Json.Serialization;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.Trade;

/// <summary>The trade dataset: the bundled UN Comtrade sample, published as versions and served from memory.</summary>
internal static class TradeDataset
{
    public const string Name = "trade";

    public static readonly DatasetText Text = new(
        Name,
        "Rare-earth trade flows by reporter, partner, HS code and year",
        "Annual imports and exports of rare-earth metals (280530), compounds (2846: 284610, 284690) and permanent magnets of metal (850511): value in USD, net weight in kg, valuation (CIF/FOB), as reported or mirrored. A small sample; each deployment's refresh pulls more with its own key.",
        "UN Comtrade Database, United Nations Statistics Division (https://comtradeplus.un.org/); a small sample compiled by RareEarthApi.",
        "UN Comtrade terms of use: attribution required; no wholesale redistribution");

    public static DatasetDescriptor<TradeFlow, TradeJson> Descriptor { get; } = new()
    {
        Text = Text,
        Codec = new TradeCodec(),
        Seed = services => Read(services.Countries, services.Commodities),
        EditionOf = r => r.Edition,
        AddMissingEditions = true,
        CombinationOf = TradeFlow.Combination,
        Coverage = new(DatasetCoverage.CountedReporters, r => r.Year, r => r.Reporter, r => r.Edition),
        Filters =
        [
            DatasetFilters.Countries<TradeFlow>(new("reporter", ParameterKind.StringList, "Reporting countries (ISO3, ISO2, name or alias), comma-separated.", "CHN"), r => r.Reporter),
            DatasetFilters.Countries<TradeFlow>(new("partner", ParameterKind.StringList, "Partner countries, comma-separated; WLD (World) is the reporter's total.", "MMR,MYS"),
                r => r.Partner, DatasetFilters.CatalogAggregate<TradeFlow>(r => r.Partner)),
            DatasetFilters.Vocabulary<TradeFlow>(
                new("flow", ParameterKind.StringList, "import, export, or both.", "import", null, TradeFlow.Flows),
                r => r.Flow,
                _ => TradeFlow.Flows,
                (flow, _) => flow.ToLowerInvariant() switch { "import" or "m" => TradeFlow.Import, "export" or "x" => TradeFlow.Export, _ => null },
                flow => $"flow '{flow}' must be import or export.",
                sortedCanonical: true),
            DatasetFilters.Hs<TradeFlow>((r, hs) => hs.Contains(r.Hs)),
            DatasetFilters.Years<TradeFlow>(r => r.Year),
            DatasetFilters.IncludeAggregates<TradeFlow>("Add the World rows (partner WLD, UN Comtrade W00/0): the reporter's total over all partners."),
        ],
        Sort = new(
            [("reporter", r => r.Reporter), ("partner", r => r.Partner), ("flow", r => r.Flow), ("hs", r => r.Hs), ("year", r => r.Year), ("value", r => r.ValueUsd), ("weight", r => r.NetWeightKg)],
            [new("reporter", false), new("year", false), new("flow", false), new("hs", false), new("partner", false)],
            [r => $"{r.Reporter}|{r.Partner}|{r.Flow}|{r.Hs}|{r.Year:D4}|{r.Basis}|{r.Edition}"]),
        Warnings = Warnings,
        Wire = query => r => TradeJson.From(r, query.Context.Snapshot, query.Context.Services.Countries, query.Context.Services.Commodities),
        CsvColumns = TradeJson.CsvColumns,
        JsonContext = o => new TradeJsonContext(o),
    };

    public static DatasetContent<TradeFlow> Read(CountryCatalog countries, CommodityCatalog commodities)
    {
        using var editionsReader = new StreamReader(SeedFiles.Path("trade-editions.csv"));
        var editions = SourceEditions.Read(editionsReader, "trade-editions.csv");
        using var rowsReader = new StreamReader(SeedFiles.Path("trade.csv"));
        var typed = TradeSeed.Read(rowsReader, "trade.csv", countries, commodities, editions);
        var raw = TradeRawSeed.Read(countries, commodities, editions);

        // A typed row for what a bundled file covers would serve two figures for one flow.
        var covered = raw.Select(TradeFlow.Combination).ToHashSet(StringComparer.Ordinal);
        if (typed.FirstOrDefault(r => covered.Contains(TradeFlow.Combination(r))) is { } twice)
        {
            throw new InvalidDataException($"trade.csv: {twice.Reporter} {twice.Flow} HS {twice.Hs} {twice.Year} is covered by a bundled source file (Seed/{TradeRawSeed.Folder}); leave it out of trade.csv.");
        }

        return new DatasetContent<TradeFlow>([.. typed, .. raw], editions);
    }

    private static IEnumerable<string> Warnings(DatasetQuery<TradeFlow> query, DatasetMatch<TradeFlow> match)
    {
        var snapshot = query.Context.Snapshot;
        var countries = query.Context.Services.Countries;
        var warnings = new List<string>();
        foreach (var reporter in query.List("reporter").Where(rep => snapshot.Rows.All(r => r.Reporter != rep)))
        {
            warnings.Add($"{countries.ByIso3(reporter)?.Name ?? reporter} ({reporter}) reports no flows in the served trade data; reporters with data: {TradeCoverage.ByReporter(snapshot.Rows)}.");
        }

        warnings.AddRange(HeadingOnlyWarnings(query, countries));
        warnings.AddRange(PartnerWarnings(query, match, countries));
        warnings.AddRange(CoverageWarnings(query, match, countries));
        if (match.Rows.Count == 0 && warnings.Count == 0)
        {
            warnings.Add(QueryParts.NoRows("trade flows", "No trade flows for this selection in the bundled sample; GET /api/v1/datasets says what it covers.",
                match.InScope.Select(r => r.Year).ToList(), query.Start, query.End, listYears: true));
        }

        return warnings;
    }

    /// <summary>
    /// A reporter asked for years its rows (for the partners, flows and codes asked) do not reach: say which years they
    /// cover, so that two magnet rows are not taken for Japan's whole trade since 2008.
    /// </summary>
    private static IEnumerable<string> CoverageWarnings(DatasetQuery<TradeFlow> query, DatasetMatch<TradeFlow> match, CountryCatalog countries)
    {
        if (query.Start is null && query.End is null)
        {
            yield break;
        }

        var all = query.Context.Snapshot.Rows;
        var (first, last) = (query.Start ?? all.Min(r => r.Year), query.End ?? all.Max(r => r.Year));
        foreach (var reporter in match.InScope.Select(r => r.Reporter).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var covered = match.InScope.Where(r => r.Reporter == reporter).Select(r => r.Year).Distinct().Order().ToList();
            var missing = Enumerable.Range(first, Math.Max(0, last - first + 1)).Where(y => !covered.Contains(y)).ToList();
            if (missing.Count > 0)
            {
                var codes = string.Join(", ", match.InScope.Where(r => r.Reporter == reporter).Select(r => r.Hs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                yield return $"{countries.ByIso3(reporter)?.Name ?? reporter} ({reporter}): for this selection the served trade data covers {TradeCoverage.Years(covered)} (HS {codes}); {TradeCoverage.Years(missing)} are not covered.";
            }
        }
    }

    /// <summary>
    /// A partner asked that no reporter of the selection has a flow with (in the years, flows and codes asked), where the
    /// selection has other partners: say how many, and the largest by value, rather than a bare "no flows".
    /// </summary>
    private static IEnumerable<string> PartnerWarnings(DatasetQuery<TradeFlow> query, DatasetMatch<TradeFlow> match, CountryCatalog countries)
    {
        var partners = query.List("partner");
        if (partners.Count == 0)
        {
            yield break;
        }

        var (reporters, flows, hs) = (query.List("reporter"), query.List("flow"), query.List("hs"));
        var others = query.Context.Snapshot.Rows
            .Where(r => reporters.Count == 0 || reporters.Contains(r.Reporter))
            .Where(r => flows.Count == 0 || flows.Contains(r.Flow))
            .Where(r => hs.Count == 0 || hs.Contains(r.Hs))
            .Where(r => (query.Start is null || r.Year >= query.Start) && (query.End is null || r.Year <= query.End))
            .Where(r => countries.ByIso3(r.Partner) is not { IsAggregate: true })
            .ToList();
        foreach (var partner in partners.Where(p => match.Rows.All(r => r.Partner != p) && countries.ByIso3(p) is not { IsAggregate: true }))
        {
            if (others.Count == 0)
            {
                continue;
            }

            var largest = others.GroupBy(r => r.Partner, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(r => r.ValueUsd ?? 0)).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => g.Key);
            yield return $"No flows with {countries.ByIso3(partner)?.Name ?? partner} ({partner}) for this selection; it has flows with {others.Select(r => r.Partner).Distinct(StringComparer.Ordinal).Count()} other partner(s) " +
                         $"({TradeCoverage.ByReporter(others)}), the largest by value {string.Join(", ", largest)}.";
        }
    }

    /// <summary>
    /// A 6-digit code asked without its heading, where a reporter has no rows under it but reports the 4-digit heading
    /// (China reports 2846, the total of 284610 and 284690): say so, rather than a bare "no flows".
    /// </summary>
    private static IEnumerable<string> HeadingOnlyWarnings(DatasetQuery<TradeFlow> query, CountryCatalog countries)
    {
        var hs = query.List("hs");
        var (reporters, partners, flows) = (query.List("reporter"), query.List("partner"), query.List("flow"));
        var anyHsInYears = query.Context.Snapshot.Rows
            .Where(r => reporters.Count == 0 || reporters.Contains(r.Reporter))
            .Where(r => partners.Count > 0 ? partners.Contains(r.Partner) : query.IncludeAggregates || countries.ByIso3(r.Partner) is not { IsAggregate: true })
            .Where(r => flows.Count == 0 || flows.Contains(r.Flow))
            .Where(r => (query.Start is null || r.Year >= query.Start) && (query.End is null || r.Year <= query.End))
            .ToList();
        foreach (var code in hs.Where(c => c.Length == 6 && !hs.Contains(c[..4])))
        {
            var heading = code[..4];
            var withHeading = anyHsInYears.Where(r => r.Hs == heading).Select(r => r.Reporter).Distinct(StringComparer.Ordinal)
                .Where(rep => !anyHsInYears.Any(r => r.Reporter == rep && r.Hs == code))
                .Order(StringComparer.Ordinal);
            foreach (var reporter in withHeading)
            {
                yield return $"{countries.ByIso3(reporter)?.Name ?? reporter} ({reporter}) reports HS {heading} at the 4-digit level, not {code}; ask hs={heading}.";
            }
        }
    }
}

/// <summary>One trade flow as the API returns it.</summary>
public sealed record TradeJson(
    string Reporter,
    string ReporterName,
    string Partner,
    string PartnerName,
    bool PartnerIsAggregate,
    TradeDirection Flow,
    string Hs,
    int HsLevel,
    string HsDescription,
    int Year,
    double? ValueUsd,
    double? NetWeightKg,
    bool NetWeightEstimated,
    TradeValuation Valuation,
    TradeBasis Basis,
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
            WireEnum.Of<TradeDirection>(r.Flow),
            r.Hs,
            r.Hs.Length,
            commodities.Hs(r.Hs)?.Description ?? "",
            r.Year,
            r.ValueUsd,
            r.NetWeightKg,
            r.NetWeightEstimated,
            WireEnum.Of<TradeValuation>(r.Valuation),
            WireEnum.Of<TradeBasis>(r.Basis),
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
        new("flow", r => WireEnum.Text(r.Flow)),
        new("hs", r => r.Hs),
        new("hsLevel", r => r.HsLevel.ToString(CultureInfo.InvariantCulture)),
        new("hsDescription", r => r.HsDescription),
        new("year", r => r.Year.ToString(CultureInfo.InvariantCulture)),
        new("valueUsd", r => r.ValueUsd?.ToString("R", CultureInfo.InvariantCulture)),
        new("netWeightKg", r => r.NetWeightKg?.ToString("R", CultureInfo.InvariantCulture)),
        new("netWeightEstimated", r => r.NetWeightEstimated ? "true" : "false"),
        new("valuation", r => WireEnum.Text(r.Valuation)),
        new("basis", r => WireEnum.Text(r.Basis)),
        new("note", r => r.Note),
        .. SourceCitation.CsvColumns<TradeJson>(r => r.Source),
    ];
}

/// <summary>Compile-time JSON for the trade route (ApiJson's options).</summary>
[JsonSerializable(typeof(Envelope<TradeJson>))]
internal sealed partial class TradeJsonContext : JsonSerializerContext
{
}
