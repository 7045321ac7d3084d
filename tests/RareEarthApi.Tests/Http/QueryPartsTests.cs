using RareEarthApi.Http;
using RareEarthApi.Production;

namespace RareEarthApi.Tests.Http;

/// <summary>The shared ordering and warnings every dataset route uses.</summary>
public sealed class QueryPartsTests
{
    private sealed record Row(string Code, int Year, double? Value);

    private static readonly IReadOnlyDictionary<string, Func<Row, IComparable?>> Keys = new Dictionary<string, Func<Row, IComparable?>>
    {
        ["code"] = r => r.Code,
        ["year"] = r => r.Year,
        ["value"] = r => r.Value,
    };

    [Fact]
    public void Order_TieBreakKeys_CompareEachKeyByItsType_NotAsOneString()
    {
        Row[] rows = [new("AB", 2000, 1), new("ABC", 999, 1), new("AB", 999, 1), new("a", 1, 1)];

        var ordered = QueryParts.Order(rows, [new SortKey("value", false)], Keys, r => r.Code, r => r.Year);

        // Ordinal: "AB" < "ABC" < "a"; years numerically: 999 before 2000.
        Assert.Equal([new("AB", 999, 1), new("AB", 2000, 1), new("ABC", 999, 1), new("a", 1, 1)], ordered);
    }

    [Fact]
    public void Order_NullValues_ComeFirstAscending_AndLastDescending()
    {
        Row[] rows = [new("X", 1, 5), new("Y", 1, null), new("Z", 1, -1)];

        Assert.Equal(["Y", "Z", "X"], QueryParts.Order(rows, [new SortKey("value", false)], Keys, r => r.Code).Select(r => r.Code));
        Assert.Equal(["X", "Z", "Y"], QueryParts.Order(rows, [new SortKey("value", true)], Keys, r => r.Code).Select(r => r.Code));
    }

    [Theory]
    [InlineData(false, "No shares in 2030–…; this selection covers 2019–2023.")]
    [InlineData(true, "No shares in 2030–…; this selection covers 2019, 2020, 2023.")]
    public void NoRows_WithYearsInTheSelection_SaysWhichYearsItCovers(bool listYears, string expected) =>
        Assert.Equal(expected, QueryParts.NoRows("shares", "none at all", [2023, 2019, 2020, 2019], 2030, null, listYears));

    [Fact]
    public void NoRows_WithNoYearsInTheSelection_SaysTheGivenText() =>
        Assert.Equal("none at all", QueryParts.NoRows("shares", "none at all", [], 2030, 2031));
}
