using System.Text.Json;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>One response of the Comtrade API: its records, and whether it hit the record cap.</summary>
internal sealed record ComtradeResponse(IReadOnlyList<ComtradeRecord> Records, int Count, IReadOnlyList<ComtradeProblem> Problems);

/// <summary>A problem with what Comtrade gave for one reporter (its Comtrade code) and period: that reporter-year is left out of a refresh, and stops the seed.</summary>
internal sealed record ComtradeProblem(int ReporterCode, string Period, string Message);

/// <summary>
/// Parses a Comtrade response {"elapsedTime","count","data":[...],"error"} (source-generated, <see cref="ComtradeJson"/>)
/// strictly; an error in the body is an exception.
/// </summary>
internal static class ComtradeParser
{
    public static ComtradeResponse Parse(Stream json, string where)
    {
        ComtradeJsonResponse? root;
        try
        {
            root = JsonSerializer.Deserialize(json, ComtradeJson.Default.ComtradeJsonResponse);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not a Comtrade JSON response (truncated?): {e.Message}", e);
        }

        if (root is not { HasData: true })
        {
            throw new InvalidDataException($"{where}: the response has no data[] list; it is not the Comtrade format.");
        }

        if (root.Error is { Length: > 0 } message)
        {
            throw new InvalidDataException($"{where}: Comtrade answered with an error: {message}");
        }

        var records = new List<ComtradeRecord>();
        var problems = new List<ComtradeProblem>();
        var index = 0;
        foreach (var d in root.Data ?? [])
        {
            index++;
            if (d is null)
            {
                throw new InvalidDataException($"{where} record {index}: null where a record was expected.");
            }

            var record = new ComtradeRecord(
                d.ReporterCode ?? throw new InvalidDataException($"{where} record {index}: no reporterCode."),
                d.ReporterIso,
                d.PartnerCode ?? throw new InvalidDataException($"{where} record {index}: no partnerCode."),
                d.PartnerIso,
                d.FlowCode ?? throw new InvalidDataException($"{where} record {index}: no flowCode."),
                d.CmdCode ?? throw new InvalidDataException($"{where} record {index}: no cmdCode."),
                d.Period ?? throw new InvalidDataException($"{where} record {index}: no period."),
                d.ClassificationCode,
                d.NetWgt,
                d.PrimaryValue,
                d.CifValue,
                d.FobValue,
                d.IsAggregate,
                d.IsReported,
                d.Qty,
                d.QtyUnitAbbr,
                d.IsNetWgtEstimated,
                d.IsQtyEstimated,
                d.ReporterDesc,
                d.PartnerDesc);
            if (record.NetWgt < 0 || record.PrimaryValue < 0)
            {
                problems.Add(new(record.ReporterCode, record.Period, $"{where} record {index}: negative netWgt or primaryValue ({record.ReporterCode} {record.FlowCode} {record.PartnerCode} {record.CmdCode} {record.Period})."));
            }

            records.Add(record);
        }

        return new ComtradeResponse(records, root.Count ?? records.Count, problems);
    }

    /// <summary>Two records for one reporter, partner, flow, commodity and period are a problem, not a choice.</summary>
    public static IReadOnlyList<ComtradeProblem> Duplicates(IReadOnlyList<ComtradeRecord> records) =>
        records.GroupBy(r => (r.ReporterCode, r.PartnerCode, r.FlowCode, r.CmdCode, r.Period))
            .Where(g => g.Count() > 1)
            .Select(g => new ComtradeProblem(g.Key.ReporterCode, g.Key.Period, $"{g.Count()} records for reporter {g.Key.ReporterCode}, partner {g.Key.PartnerCode}, flow {g.Key.FlowCode}, HS {g.Key.CmdCode}, {g.Key.Period}."))
            .ToList();
}
