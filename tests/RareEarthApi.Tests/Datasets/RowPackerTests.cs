using Azure.Data.Tables;
using RareEarthApi.Datasets;

namespace RareEarthApi.Tests.Datasets;

public sealed class RowPackerTests
{
    private sealed record Row(string Key, string? Text, int Year, double Value, long Big, bool Flag, DateTimeOffset At);

    private sealed class RowCodec : IRowCodec<Row>
    {
        public string Shard(Row row) => "s";

        public string RowKey(Row row) => row.Key;

        public void Write(Row row, TableEntity entity)
        {
            entity["Text"] = row.Text;
            entity["Year"] = row.Year;
            entity["Value"] = row.Value;
            entity["Big"] = row.Big;
            entity["Flag"] = row.Flag;
            entity["At"] = row.At;
        }

        public Row Read(TableEntity entity) => new(
            entity.RowKey, entity.GetString("Text"), entity.GetInt32("Year")!.Value, entity.GetDouble("Value")!.Value,
            entity.GetInt64("Big")!.Value, entity.GetBoolean("Flag")!.Value, entity.GetDateTimeOffset("At")!.Value);
    }

    private static Row Sample(int i, string? text = "x") =>
        new($"k{i:D5}", text, 2000 + (i % 30), 270000 + i, 5_000_000_000L + i, i % 2 == 0, new DateTimeOffset(2026, 2, 6, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void RoundTrip_KeepsEveryTypeAndTheRowKey()
    {
        var rows = new[] { Sample(1, "Burma \"Myanmar\", \u00e9 \u2013 \ud83d\ude00"), Sample(2, null), Sample(3) with { Value = 0.1 + 0.2 } };

        var back = RowPacker.Pack("p", rows, new RowCodec()).SelectMany(RowPacker.Unpack).Select(new RowCodec().Read).ToList();

        Assert.Equal(rows, back);
    }

    [Fact]
    public void ManyRows_AreCutIntoChunksOfAtMostTheLimit_InOrder()
    {
        var rows = Enumerable.Range(0, 2 * RowPacker.MaxRowsPerChunk + 5).Select(i => Sample(i)).ToList();

        var chunks = RowPacker.Pack("p", rows, new RowCodec()).ToList();

        Assert.Equal(3, chunks.Count);
        Assert.Equal(["000000", "000001", "000002"], chunks.Select(c => c.RowKey).ToArray());
        Assert.Equal(rows.Count, chunks.Sum(c => c.GetInt32("Count")));
        Assert.Equal(rows, chunks.SelectMany(RowPacker.Unpack).Select(new RowCodec().Read));
    }

    [Fact]
    public void LongRows_SpreadOverSeveralStringProperties_EachUnderTheTableLimit()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Sample(i, new string('n', 20_000))).ToList();

        var chunks = RowPacker.Pack("p", rows, new RowCodec()).ToList();

        Assert.All(chunks, c => Assert.All(c.Where(p => p.Key.StartsWith("Rows", StringComparison.Ordinal)), p => Assert.True(((string)p.Value).Length <= 32 * 1024)));
        Assert.All(chunks, c => Assert.True(c.Where(p => p.Value is string).Sum(p => ((string)p.Value).Length * 2) < 1024 * 1024));
        Assert.True(chunks.Count > 1);
        Assert.Equal(rows, chunks.SelectMany(RowPacker.Unpack).Select(new RowCodec().Read));
    }

    [Fact]
    public void SameRowKeyTwice_IsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => RowPacker.Pack("p", [Sample(1), Sample(1)], new RowCodec()).ToList());

        Assert.Contains("k00001", error.Message);
    }
}
