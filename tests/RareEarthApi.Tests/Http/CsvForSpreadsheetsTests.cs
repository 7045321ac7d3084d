using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Http;

/// <summary>bom=true gives a CSV Excel on Windows reads as UTF-8; every CSV joins list items with '|'.</summary>
[Collection(ApiCollection.Name)]
public sealed class CsvForSpreadsheetsTests(ApiFixture api)
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Theory]
    [InlineData("api/v1/countries?format=csv")]
    [InlineData("api/v1/production?country=CHN&year=2024&format=csv")]
    [InlineData("api/v1/restrictions?format=csv")]
    [InlineData("api/v1/indicators/concentration?dataset=production&year=2024&format=csv")]
    [InlineData("api/v1/commodities?format=csv")]
    public async Task BomTrue_StartsTheCsvWithTheMark_AndOnlyThen(string url)
    {
        using var plain = await api.Client.GetAsync(url);
        using var marked = await api.Client.GetAsync(url + "&bom=true");
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        var markedBytes = await marked.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.False(plainBytes.AsSpan().StartsWith(Bom), "a CSV without bom=true starts with a byte order mark");
        Assert.True(markedBytes.AsSpan().StartsWith(Bom), "bom=true gave no byte order mark");
        Assert.Equal(plainBytes, markedBytes[Bom.Length..]);
        Assert.NotEqual(plain.Headers.ETag, marked.Headers.ETag);
    }

    [Fact]
    public async Task BomTrue_KeepsNonAsciiNames_AsUtf8()
    {
        var text = Encoding.UTF8.GetString(await api.Client.GetByteArrayAsync("api/v1/countries?format=csv&bom=true"));

        Assert.Contains("Türkiye", text);
    }

    [Fact]
    public async Task BomNotABoolean_IsA400NamingIt()
    {
        using var response = await api.Client.GetAsync("api/v1/countries?format=csv&bom=yes");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"bom\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListFields_AreJoinedWithBars_InEveryCsv()
    {
        var lists = new (string Url, string Column)[]
        {
            ("api/v1/restrictions?format=csv", "sourceUrls"),
            ("api/v1/restrictions?format=csv", "elements"),
            ("api/v1/countries?format=csv", "aliases"),
            ("api/v1/indicators/concentration?dataset=production&year=2024&format=csv", "topThree"),
        };
        foreach (var (url, column) in lists)
        {
            using var reader = new StringReader(await api.Client.GetStringAsync(url));
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            var values = csv.GetRecords<dynamic>().Select(r => (string)((IDictionary<string, object>)r)[column]).Where(v => v.Length > 0).ToList();

            Assert.Contains(values, v => v.Contains('|', StringComparison.Ordinal));
            if (column == "sourceUrls")
            {
                Assert.All(values.SelectMany(v => v.Split('|')), u => Assert.StartsWith("http", u));
            }
        }
    }
}
