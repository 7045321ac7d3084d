using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace RareEarthApi.Datasets;

/// <summary>
/// Packs many rows into one table entity, and back. A dataset version is only ever read whole, so storing each row
/// as its own entity bought nothing but transactions: Azure bills per transaction, a batch holds at most 100
/// entities, and Azurite (like the service) spends about as long on an entity in a batch as on a lone write.
/// A chunk holds up to <see cref="MaxRowsPerChunk"/> rows as a JSON array, split over string properties
/// Rows0..RowsN (a string property holds at most 32 K characters; an entity at most 1 MiB).
/// Each row is the property bag its codec wrote, with a type suffix on names that are not strings
/// ("Year:i", "Value:d"), so the codec reads back exactly the types it wrote.
/// </summary>
internal static class RowPacker
{
    public const int MaxRowsPerChunk = 1000;
    private const int MaxCharsPerProperty = 30_000;
    private const int MaxPropertiesPerChunk = 12;
    private const string RowKeyName = "~rk";

    /// <summary>The chunk entities of one shard's rows, in order. Throws on a row key given twice.</summary>
    public static IEnumerable<TableEntity> Pack<TRow>(string partitionKey, IEnumerable<TRow> rows, IRowCodec<TRow> codec)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer);
        var count = 0;
        var chunk = 0;
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            var rowKey = codec.RowKey(row);
            if (!seen.Add(rowKey))
            {
                throw new InvalidDataException($"Row key '{rowKey}' appears twice in partition '{partitionKey}'.");
            }

            var entity = new TableEntity(partitionKey, rowKey);
            codec.Write(row, entity);
            WriteRow(writer, rowKey, entity);
            count++;
            writer.Flush();
            if (count == MaxRowsPerChunk || buffer.WrittenCount > MaxCharsPerProperty * (MaxPropertiesPerChunk - 1))
            {
                yield return Chunk(partitionKey, chunk++, writer, buffer, count);
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
                writer.WriteStartArray();
                count = 0;
            }
        }

        if (count > 0)
        {
            yield return Chunk(partitionKey, chunk, writer, buffer, count);
        }
    }

    /// <summary>The rows of one chunk entity, each as the entity its codec wrote.</summary>
    public static IEnumerable<TableEntity> Unpack(TableEntity chunk)
    {
        var json = new StringBuilder();
        for (var i = 0; chunk.GetString("Rows" + i.ToString(CultureInfo.InvariantCulture)) is { } part; i++)
        {
            json.Append(part);
        }

        using var doc = JsonDocument.Parse(json.ToString());
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var entity = new TableEntity(chunk.PartitionKey, row.GetProperty(RowKeyName).GetString());
            foreach (var property in row.EnumerateObject())
            {
                if (property.Name == RowKeyName)
                {
                    continue;
                }

                var (name, type) = property.Name.LastIndexOf(':') is var colon and > 0
                    ? (property.Name[..colon], property.Name[(colon + 1)..])
                    : (property.Name, "s");
                entity[name] = type switch
                {
                    "s" => property.Value.GetString(),
                    "i" => property.Value.GetInt32(),
                    "l" => property.Value.GetInt64(),
                    "d" => property.Value.GetDouble(),
                    "b" => property.Value.GetBoolean(),
                    "t" => property.Value.GetDateTimeOffset(),
                    "g" => property.Value.GetGuid(),
                    _ => throw new InvalidDataException($"Unknown packed property type '{type}' in {chunk.PartitionKey}/{chunk.RowKey}."),
                };
            }

            yield return entity;
        }
    }

    private static void WriteRow(Utf8JsonWriter writer, string rowKey, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(RowKeyName, rowKey);
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case null:
                    break; // absent reads back as null, as in a table entity
                case string s when name is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"):
                    writer.WriteString(name, s);
                    break;
                case int i:
                    writer.WriteNumber(name + ":i", i);
                    break;
                case long l:
                    writer.WriteNumber(name + ":l", l);
                    break;
                case double d:
                    writer.WriteNumber(name + ":d", d);
                    break;
                case bool b:
                    writer.WriteBoolean(name + ":b", b);
                    break;
                case DateTimeOffset t:
                    writer.WriteString(name + ":t", t);
                    break;
                case DateTime t:
                    writer.WriteString(name + ":t", new DateTimeOffset(t.ToUniversalTime()));
                    break;
                case Guid g:
                    writer.WriteString(name + ":g", g);
                    break;
                case string:
                    break;
                default:
                    throw new NotSupportedException($"Property {name} of type {value.GetType().Name} cannot be packed.");
            }
        }

        writer.WriteEndObject();
    }

    private static TableEntity Chunk(string partitionKey, int index, Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, int count)
    {
        writer.WriteEndArray();
        writer.Flush();
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var entity = new TableEntity(partitionKey, index.ToString("D6", CultureInfo.InvariantCulture)) { ["Count"] = count };
        for (int offset = 0, part = 0; offset < json.Length; offset += MaxCharsPerProperty, part++)
        {
            entity["Rows" + part.ToString(CultureInfo.InvariantCulture)] = json.Substring(offset, Math.Min(MaxCharsPerProperty, json.Length - offset));
        }

        return entity;
    }
}
