using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RareEarthApi.Refresh.Comtrade;

/// <summary>A Comtrade response as sent: {"elapsedTime","count","data":[...],"error"}; only the fields the refresh reads.</summary>
internal sealed class ComtradeJsonResponse
{
    private List<ComtradeJsonRecord?>? _data;

    [JsonConverter(typeof(ComtradeCodeConverter))]
    public int? Count { get; set; }

    /// <summary>The records; null where Comtrade sent "data": null.</summary>
    public List<ComtradeJsonRecord?>? Data
    {
        get => _data;
        set
        {
            _data = value;
            HasData = true;
        }
    }

    /// <summary>Whether the body had a data member at all (null counts): without one it is not a Comtrade response.</summary>
    [JsonIgnore]
    public bool HasData { get; private set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? Error { get; set; }
}

/// <summary>
/// One record of data[]. Comtrade publishes no schema and is not consistent about types (its metadata answers send
/// period as 2017 where data answers send "2017"; see the bundled publication_metadata.json), so each field is read
/// leniently: text from a string or a number, codes from a number or a numeric string, amounts from numbers only,
/// flags true only when true; anything else reads as absent (and a required field absent rejects the record).
/// </summary>
internal sealed class ComtradeJsonRecord
{
    [JsonConverter(typeof(ComtradeCodeConverter))]
    public int? ReporterCode { get; set; }

    [JsonPropertyName("reporterISO"), JsonConverter(typeof(ComtradeTextConverter))]
    public string? ReporterIso { get; set; }

    [JsonConverter(typeof(ComtradeCodeConverter))]
    public int? PartnerCode { get; set; }

    [JsonPropertyName("partnerISO"), JsonConverter(typeof(ComtradeTextConverter))]
    public string? PartnerIso { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? FlowCode { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? CmdCode { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? Period { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? ClassificationCode { get; set; }

    [JsonConverter(typeof(ComtradeAmountConverter))]
    public double? NetWgt { get; set; }

    [JsonConverter(typeof(ComtradeAmountConverter))]
    public double? PrimaryValue { get; set; }

    [JsonPropertyName("cifvalue"), JsonConverter(typeof(ComtradeAmountConverter))]
    public double? CifValue { get; set; }

    [JsonPropertyName("fobvalue"), JsonConverter(typeof(ComtradeAmountConverter))]
    public double? FobValue { get; set; }

    [JsonConverter(typeof(ComtradeFlagConverter))]
    public bool IsAggregate { get; set; }

    [JsonConverter(typeof(ComtradeFlagConverter))]
    public bool IsReported { get; set; }

    [JsonConverter(typeof(ComtradeAmountConverter))]
    public double? Qty { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? QtyUnitAbbr { get; set; }

    [JsonConverter(typeof(ComtradeFlagConverter))]
    public bool IsNetWgtEstimated { get; set; }

    [JsonConverter(typeof(ComtradeFlagConverter))]
    public bool IsQtyEstimated { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? ReporterDesc { get; set; }

    [JsonConverter(typeof(ComtradeTextConverter))]
    public string? PartnerDesc { get; set; }
}

/// <summary>Compile-time deserialization of Comtrade responses (camelCase, as Comtrade names most of its fields).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ComtradeJsonResponse))]
internal sealed partial class ComtradeJson : JsonSerializerContext;

/// <summary>A string as is, a number as written; anything else is absent.</summary>
internal sealed class ComtradeTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Raw(ref reader);
            default:
                ComtradeTextConverter.Skip(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => throw new NotSupportedException();

    /// <summary>Past an object or array read as absent (the serializer buffers a whole value before a converter reads it).</summary>
    internal static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A Comtrade value was cut off.");
        }
    }

    internal static string Raw(ref Utf8JsonReader reader) =>
        Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
}

/// <summary>A code: an integer number, or a string holding one; anything else is absent.</summary>
internal sealed class ComtradeCodeConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var code):
                return code;
            case JsonTokenType.Number:
                return Parse(ComtradeTextConverter.Raw(ref reader));
            case JsonTokenType.String:
                return Parse(reader.GetString());
            default:
                ComtradeTextConverter.Skip(ref reader);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => throw new NotSupportedException();

    private static int? Parse(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
}

/// <summary>An amount: a number; anything else (a string too) is absent.</summary>
internal sealed class ComtradeAmountConverter : JsonConverter<double?>
{
    public override bool HandleNull => true;

    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        ComtradeTextConverter.Skip(ref reader);
        return null;
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) => throw new NotSupportedException();
}

/// <summary>A flag: true only where the value is true.</summary>
internal sealed class ComtradeFlagConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.True;
        ComtradeTextConverter.Skip(ref reader);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => throw new NotSupportedException();
}
