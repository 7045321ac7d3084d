using System.Globalization;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Refresh.Comtrade;

namespace RareEarthApi.Trade;

/// <summary>
/// Publishes a Comtrade refresh into the trade dataset: the records become trade rows (strictly, see
/// <see cref="ComtradeTradeMapping"/>), merged into the served version so that a run replaces only the
/// reporter × HS × flow × year combinations it brought back and keeps every other row (the bundled sample too).
/// </summary>
internal sealed class ComtradeTradePublisher(
    DatasetVersionStore store,
    CountryCatalog countries,
    CommodityCatalog commodities,
    TimeProvider time) : ITradePublisher
{
    /// <summary>Reporter-years named one by one in the run's message; beyond, a count.</summary>
    private const int MaxRejectedNamed = 40;

    public async Task<ParsedDataset> BuildAsync(ComtradeBatch batch, Action<string> note, CancellationToken cancellationToken)
    {
        var edition = ComtradeTradeMapping.Edition(time.GetUtcNow());
        var mapped = ComtradeTradeMapping.Map(batch.Records, countries, commodities, edition.Id);
        if (mapped.Skipped.Count > 0)
        {
            note($"Left out {mapped.Skipped.Count} Comtrade record(s) whose partner is no country ({string.Join(", ", mapped.Skipped.Distinct(StringComparer.Ordinal))}).");
        }

        // Each reporter-year publishes on its own: one with a problem (a failed call, an unmapped code, a duplicate)
        // keeps what is served for it, and the others go ahead.
        var problems = batch.Problems.Concat(mapped.Problems).ToList();
        var rejectedYears = problems.Select(p => (p.ReporterCode, p.Period)).ToHashSet();
        var fresh = mapped.Rows.Where(r => !rejectedYears.Contains((countries.ByIso3(r.Reporter)?.ComtradeCode ?? -1, r.Year.ToString(CultureInfo.InvariantCulture)))).ToList();
        var rejected = problems.GroupBy(p => (p.ReporterCode, p.Period))
            .OrderBy(g => g.Key.ReporterCode).ThenBy(g => g.Key.Period, StringComparer.Ordinal)
            .Select(g => $"{Reporter(g.Key.ReporterCode)} {g.Key.Period}: {g.First().Message}{(g.Count() > 1 ? $" (and {g.Count() - 1} more)" : "")}")
            .ToList();
        if (rejected.Count > MaxRejectedNamed)
        {
            rejected = [.. rejected.Take(MaxRejectedNamed), $"and {rejected.Count - MaxRejectedNamed} more reporter-years."];
        }

        // The served version from storage itself (not the in-memory snapshot, which may lag); the bundled sample
        // when the dataset was never published, so the first refresh does not lose it.
        var current = await store.GetCurrentAsync(TradeDataset.Name, cancellationToken);
        var served = current is null
            ? TradeDataset.Read(countries, commodities)
            : new DatasetContent<TradeFlow>(await store.LoadRowsAsync(TradeDataset.Name, current.Version, TradeDataset.Descriptor.Codec, cancellationToken), current.Editions);
        var merged = ComtradeTradeMapping.Merge(served, fresh, edition);
        note($"trade: {fresh.Count} rows from Comtrade replace {merged.Replaced} served rows; {merged.Content.Rows.Count - fresh.Count} other rows kept.");
        IReadOnlyList<string> failed = fresh.Count == 0 && problems.Count > 0 ? [$"no reporter-year could be published: {string.Join(" ", rejected)}"] : [];
        return new ParsedDataset(TradeDataset.Name, merged.Content.Rows.Count, failed,
            (versionStore, publishedBy, ct) => versionStore.WriteVersionOnAsync(TradeDataset.Name, current, merged.Content, TradeDataset.Descriptor.Codec, publishedBy, ct))
        {
            Rejected = failed.Count > 0 ? [] : rejected,
        };
    }

    private string Reporter(int code) => countries.ByComtradeCode(code) is { } c ? $"{c.Iso3} ({code})" : $"reporter {code}";
}

/// <summary>Comtrade records as trade rows: every code is checked against the crosswalks; nothing is guessed.</summary>
internal static class ComtradeTradeMapping
{
    public const string SourceId = "un-comtrade";
    public const string Publisher = "United Nations Statistics Division";
    public const string Url = "https://comtradeplus.un.org/";

    /// <summary>Comtrade partner codes that name no country (the bundled sample leaves them out too): skipped with a note.</summary>
    public static IReadOnlyDictionary<int, string> NonCountryPartners { get; } = new Dictionary<int, string>
    {
        [837] = "Bunkers",
        [838] = "Free zones",
        [839] = "Special categories",
        [899] = "Areas, nes",
    };

    /// <summary>The edition a run's rows cite: UN Comtrade as retrieved that day.</summary>
    public static SourceEdition Edition(DateTimeOffset retrievedAt)
    {
        var day = retrievedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new SourceEdition($"{SourceId}-{day}", SourceId, $"UN Comtrade Database, annual trade by HS code (retrieved {day})",
            Publisher, DateOnly.FromDateTime(retrievedAt.UtcDateTime), null, Url);
    }

    public static ComtradeMapping Map(IReadOnlyList<ComtradeRecord> records, CountryCatalog countries, CommodityCatalog commodities, string edition)
    {
        var rows = new List<TradeFlow>();
        var problems = new List<ComtradeProblem>();
        var skipped = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codec = new TradeCodec();
        foreach (var r in records)
        {
            var where = $"Comtrade record reporter {r.ReporterCode}, partner {r.PartnerCode}, flow {r.FlowCode}, HS {r.CmdCode}, {r.Period}";
            if (NonCountryPartners.TryGetValue(r.PartnerCode, out var area))
            {
                skipped.Add(r.PartnerDesc ?? area);
                continue;
            }

            var errors = new List<string>();
            var reporter = countries.ByComtradeCode(r.ReporterCode);
            // A reporter is a country or a customs union that reports as one (the European Union, an aggregate row);
            // never the World.
            if (reporter is null or { ComtradeCode: 0 })
            {
                errors.Add($"reporter code {r.ReporterCode} ({r.ReporterIso ?? "no ISO"}) is not a reporter in the crosswalk (countries.csv comtradeCode)");
            }

            var partner = countries.ByComtradeCode(r.PartnerCode);
            if (partner is null)
            {
                errors.Add($"partner code {r.PartnerCode} ({r.PartnerIso ?? "no ISO"}) is not in the crosswalk (countries.csv comtradeCode)");
            }

            var flow = r.FlowCode switch
            {
                "M" => TradeFlow.Import,
                "X" => TradeFlow.Export,
                _ => null,
            };
            if (flow is null)
            {
                errors.Add($"flow '{r.FlowCode}' is not M (import) or X (export)");
            }

            var hs = commodities.Hs(r.CmdCode);
            if (hs is null)
            {
                errors.Add($"HS '{r.CmdCode}' is not in hs-codes.csv");
            }

            if (r.Period.Length != 4 || !int.TryParse(r.Period, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                errors.Add($"period '{r.Period}' is not a year");
                year = 0;
            }

            var (weight, weightEstimated, weightNote) = Weight(r);
            if (r.PrimaryValue is null && weight is null)
            {
                errors.Add("no value and no net weight");
            }

            if (errors.Count > 0)
            {
                problems.Add(new(r.ReporterCode, r.Period, $"{where}: {string.Join("; ", errors)}."));
                continue;
            }

            var row = new TradeFlow(
                reporter!.Iso3,
                r.ReporterDesc ?? reporter.Name,
                partner!.Iso3,
                r.PartnerDesc ?? partner.Name,
                flow!,
                hs!.Code,
                year,
                r.PrimaryValue,
                weight,
                weightEstimated,
                Valuation(r, flow!),
                TradeFlow.AsReported,
                Note(r, hs, commodities, weightNote),
                edition);
            if (!seen.Add(codec.Shard(row) + "|" + codec.RowKey(row)))
            {
                problems.Add(new(r.ReporterCode, r.Period, $"{where}: a second record for {row.Reporter} {row.Flow} {row.Partner} HS {row.Hs} {row.Year}."));
                continue;
            }

            rows.Add(row);
        }

        return new ComtradeMapping(rows, problems, skipped);
    }

    /// <summary>
    /// The served rows outside what the run covered (reporter × HS × flow × year × basis of its rows), plus the run's
    /// rows; the editions still cited, plus the run's.
    /// </summary>
    public static ComtradeMerge Merge(DatasetContent<TradeFlow> served, IReadOnlyList<TradeFlow> fresh, SourceEdition edition)
    {
        var covered = fresh.Select(TradeFlow.Combination).ToHashSet(StringComparer.Ordinal);
        var kept = served.Rows.Where(r => !covered.Contains(TradeFlow.Combination(r))).ToList();
        var rows = kept.Concat(fresh).ToList();
        var cited = rows.Select(r => r.Edition).ToHashSet(StringComparer.Ordinal);
        var editions = served.Editions.Where(e => e.Id != edition.Id)
            .Append(edition)
            .Where(e => cited.Contains(e.Id))
            .ToList();
        return new ComtradeMerge(new DatasetContent<TradeFlow>(rows, editions), served.Rows.Count - kept.Count);
    }

    /// <summary>
    /// netWgt in kg; Comtrade writes 0 (or nothing) where the weight is unknown, so 0 is not a weight. Then the
    /// quantity, when its unit is kg; otherwise no weight.
    /// </summary>
    private static (double? Kg, bool Estimated, string? Note) Weight(ComtradeRecord r)
    {
        if (r.NetWgt is > 0)
        {
            return (r.NetWgt, r.IsNetWgtEstimated, null);
        }

        if (r.Qty is > 0 && string.Equals(r.QtyUnit, "kg", StringComparison.OrdinalIgnoreCase))
        {
            return (r.Qty, r.IsQtyEstimated, "Net weight from the quantity in kg (no netWgt reported).");
        }

        return (null, false, null);
    }

    /// <summary>primaryValue is CIF for imports and FOB for exports; when Comtrade gives only the other valuation and it is the primary value, say that one.</summary>
    private static string Valuation(ComtradeRecord r, string flow)
    {
        var (usual, other, usualValue, otherValue) = flow == TradeFlow.Import
            ? ("CIF", "FOB", r.CifValue, r.FobValue)
            : ("FOB", "CIF", r.FobValue, r.CifValue);
        return usualValue is null && otherValue is not null && otherValue == r.PrimaryValue ? other : usual;
    }

    private static string? Note(ComtradeRecord r, HsCode hs, CommodityCatalog commodities, string? weightNote)
    {
        var parts = new List<string>();
        var subheadings = commodities.Expand(hs.Code).Skip(1).ToList();
        if (subheadings.Count > 0)
        {
            parts.Add($"Reported at the {hs.Code.Length}-digit level: UN Comtrade's total of subheadings {string.Join(" and ", subheadings)}.");
        }
        else if (!r.IsReported)
        {
            parts.Add("Compiled by UN Comtrade from the reporter's declaration (isReported=false).");
        }

        if (weightNote is not null)
        {
            parts.Add(weightNote);
        }

        return parts.Count > 0 ? string.Join(" ", parts) : null;
    }
}

/// <summary>The rows, the problems (any one stops the publish), and the labels of the non-country partners left out.</summary>
internal sealed record ComtradeMapping(IReadOnlyList<TradeFlow> Rows, IReadOnlyList<ComtradeProblem> Problems, IReadOnlyList<string> Skipped);

/// <summary>The version to publish, and how many served rows the run's rows replaced.</summary>
internal sealed record ComtradeMerge(DatasetContent<TradeFlow> Content, int Replaced);
