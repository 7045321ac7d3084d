using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>One response of the Comtrade API: its records, and whether it hit the record cap.</summary>
internal sealed record ComtradeResponse(IReadOnlyList<ComtradeRecord> Records, int Count, IReadOnlyList<string> Problems);

/// <summary>Parses a Comtrade response {"elapsedTime","count","data":[...],"error"} strictly; an error in the body is an exception.</summary>
internal static class ComtradeParser
{
    public static ComtradeResponse Parse(Stream json, string where)
    {
        ComtradeBody? body;
        try
        {
            body = JsonSerializer.Deserialize(json, ComtradeJson.Default.ComtradeBody);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not a Comtrade JSON response (truncated?): {e.Message}", e);
        }

        if (body is not { HasData: true })
        {
            throw new InvalidDataException($"{where}: the response has no data[] list; it is not the Comtrade format.");
        }

        if (body.Error is { Length: > 0 } message)
        {
            throw new InvalidDataException($"{where}: Comtrade answered with an error: {message}");
        }

        var records = new List<ComtradeRecord>();
        var problems = new List<string>();
        var index = 0;
        foreach (var d in body.Data ?? [])
        {
            index++;
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
                problems.Add($"{where} record {index}: negative netWgt or primaryValue ({record.ReporterCode} {record.FlowCode} {record.PartnerCode} {record.CmdCode} {record.Period}).");
            }

            records.Add(record);
        }

        return new ComtradeResponse(records, body.Count ?? records.Count, problems);
    }

    /// <summary>Two records for one reporter, partner, flow, commodity and period are a problem, not a choice.</summary>
    public static IReadOnlyList<string> Duplicates(IReadOnlyList<ComtradeRecord> records) =>
        records.GroupBy(r => (r.ReporterCode, r.PartnerCode, r.FlowCode, r.CmdCode, r.Period))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Count()} records for reporter {g.Key.ReporterCode}, partner {g.Key.PartnerCode}, flow {g.Key.FlowCode}, HS {g.Key.CmdCode}, {g.Key.Period}.")
            .ToList();
}

/// <summary>The body as Comtrade writes it. Its fields are loosely typed (a code as a number or a string), so each is read leniently.</summary>
internal sealed class ComtradeBody
{
    [JsonConverter(typeof(LenientInt))]
    public int? Count { get; set; }

    /// <summary>Null when the query matched nothing; absent when the body is not Comtrade's.</summary>
    public List<ComtradeItem>? Data
    {
        get;
        set
        {
            field = value;
            HasData = true;
        }
    }

    [JsonIgnore]
    public bool HasData { get; private set; }

    [JsonConverter(typeof(LenientString))]
    public string? Error { get; set; }
}

internal sealed class ComtradeItem
{
    [JsonConverter(typeof(LenientInt))] public int? ReporterCode { get; set; }
    [JsonConverter(typeof(LenientString)), JsonPropertyName("reporterISO")] public string? ReporterIso { get; set; }
    [JsonConverter(typeof(LenientInt))] public int? PartnerCode { get; set; }
    [JsonConverter(typeof(LenientString)), JsonPropertyName("partnerISO")] public string? PartnerIso { get; set; }
    [JsonConverter(typeof(LenientString))] public string? FlowCode { get; set; }
    [JsonConverter(typeof(LenientString))] public string? CmdCode { get; set; }
    [JsonConverter(typeof(LenientString))] public string? Period { get; set; }
    [JsonConverter(typeof(LenientString))] public string? ClassificationCode { get; set; }
    [JsonConverter(typeof(LenientDouble))] public double? NetWgt { get; set; }
    [JsonConverter(typeof(LenientDouble))] public double? PrimaryValue { get; set; }
    [JsonConverter(typeof(LenientDouble)), JsonPropertyName("cifvalue")] public double? CifValue { get; set; }
    [JsonConverter(typeof(LenientDouble)), JsonPropertyName("fobvalue")] public double? FobValue { get; set; }
    [JsonConverter(typeof(LenientBool))] public bool IsAggregate { get; set; }
    [JsonConverter(typeof(LenientBool))] public bool IsReported { get; set; }
    [JsonConverter(typeof(LenientDouble))] public double? Qty { get; set; }
    [JsonConverter(typeof(LenientString))] public string? QtyUnitAbbr { get; set; }
    [JsonConverter(typeof(LenientBool))] public bool IsNetWgtEstimated { get; set; }
    [JsonConverter(typeof(LenientBool))] public bool IsQtyEstimated { get; set; }
    [JsonConverter(typeof(LenientString))] public string? ReporterDesc { get; set; }
    [JsonConverter(typeof(LenientString))] public string? PartnerDesc { get; set; }
}

/// <summary>A string, or a number's text; anything else reads as missing.</summary>
internal sealed class LenientString : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.HasValueSequence ? System.Text.EncodingExtensions.GetString(System.Text.Encoding.UTF8, reader.ValueSequence) : System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => null,
        };
        reader.TrySkip(); // a container the field should not hold: past it (the serializer buffered it whole)
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => throw new NotSupportedException();
}

/// <summary>An integer, or a string holding one; anything else reads as missing.</summary>
internal sealed class LenientInt : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        int? value = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var i) => i,
            JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
            _ => null,
        };
        reader.TrySkip(); // a container the field should not hold: past it (the serializer buffered it whole)
        return value;
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => throw new NotSupportedException();
}

/// <summary>A number; anything else reads as missing.</summary>
internal sealed class LenientDouble : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double? value = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null;
        reader.TrySkip(); // a container the field should not hold: past it (the serializer buffered it whole)
        return value;
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) => throw new NotSupportedException();
}

/// <summary>true is true; anything else (false, null, a string) is false.</summary>
internal sealed class LenientBool : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.True;
        reader.TrySkip(); // a container the field should not hold: past it (the serializer buffered it whole)
        return value;
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => throw new NotSupportedException();
}

/// <summary>Compile-time deserialization of Comtrade bodies (camelCase, as Comtrade names its fields).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ComtradeBody))]
internal sealed partial class ComtradeJson : JsonSerializerContext;
