using System.Globalization;
using System.Text.Json;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>One response of the Comtrade API: its records, and whether it hit the record cap.</summary>
internal sealed record ComtradeResponse(IReadOnlyList<ComtradeRecord> Records, int Count, IReadOnlyList<ComtradeProblem> Problems);

/// <summary>A problem with what Comtrade gave for one reporter (its Comtrade code) and period: that reporter-year is left out of a refresh, and stops the seed.</summary>
internal sealed record ComtradeProblem(int ReporterCode, string Period, string Message);

/// <summary>Parses a Comtrade response {"elapsedTime","count","data":[...],"error"} strictly; an error in the body is an exception.</summary>
internal static class ComtradeParser
{
    public static ComtradeResponse Parse(Stream json, string where)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not a Comtrade JSON response (truncated?): {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            {
                throw new InvalidDataException($"{where}: the response has no data[] list; it is not the Comtrade format.");
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString() is { Length: > 0 } message)
            {
                throw new InvalidDataException($"{where}: Comtrade answered with an error: {message}");
            }

            var records = new List<ComtradeRecord>();
            var problems = new List<ComtradeProblem>();
            var index = 0;
            foreach (var d in data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [])
            {
                index++;
                var record = new ComtradeRecord(
                    Int(d, "reporterCode") ?? throw new InvalidDataException($"{where} record {index}: no reporterCode."),
                    Str(d, "reporterISO"),
                    Int(d, "partnerCode") ?? throw new InvalidDataException($"{where} record {index}: no partnerCode."),
                    Str(d, "partnerISO"),
                    Str(d, "flowCode") ?? throw new InvalidDataException($"{where} record {index}: no flowCode."),
                    Str(d, "cmdCode") ?? throw new InvalidDataException($"{where} record {index}: no cmdCode."),
                    Str(d, "period") ?? throw new InvalidDataException($"{where} record {index}: no period."),
                    Str(d, "classificationCode"),
                    Num(d, "netWgt"),
                    Num(d, "primaryValue"),
                    Num(d, "cifvalue"),
                    Num(d, "fobvalue"),
                    Bool(d, "isAggregate"),
                    Bool(d, "isReported"),
                    Num(d, "qty"),
                    Str(d, "qtyUnitAbbr"),
                    Bool(d, "isNetWgtEstimated"),
                    Bool(d, "isQtyEstimated"),
                    Str(d, "reporterDesc"),
                    Str(d, "partnerDesc"));
                if (record.NetWgt < 0 || record.PrimaryValue < 0)
                {
                    problems.Add(new(record.ReporterCode, record.Period, $"{where} record {index}: negative netWgt or primaryValue ({record.ReporterCode} {record.FlowCode} {record.PartnerCode} {record.CmdCode} {record.Period})."));
                }

                records.Add(record);
            }

            var count = root.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : records.Count;
            return new ComtradeResponse(records, count, problems);
        }
    }

    /// <summary>Two records for one reporter, partner, flow, commodity and period are a problem, not a choice.</summary>
    public static IReadOnlyList<ComtradeProblem> Duplicates(IReadOnlyList<ComtradeRecord> records) =>
        records.GroupBy(r => (r.ReporterCode, r.PartnerCode, r.FlowCode, r.CmdCode, r.Period))
            .Where(g => g.Count() > 1)
            .Select(g => new ComtradeProblem(g.Key.ReporterCode, g.Key.Period, $"{g.Count()} records for reporter {g.Key.ReporterCode}, partner {g.Key.PartnerCode}, flow {g.Key.FlowCode}, HS {g.Key.CmdCode}, {g.Key.Period}."))
            .ToList();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
        : Str(e, name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
