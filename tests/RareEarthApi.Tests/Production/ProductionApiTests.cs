using System.Globalization;
using System.Net;
using CsvHelper;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Production;

/// <summary>The production and reserves routes over HTTP, through the local host, on the bundled data in Azurite.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProductionApiTests(ApiFixture api)
{
    private HttpClient Client => api.Client;

    private Task<Envelope<ObservationJson>> GetJson(string url) => Client.ReadEnvelope<ObservationJson>(url);

    [Fact]
    public async Task China2024_Latest_Is270000FromMcs2026()
    {
        var body = await GetJson("api/v1/production?country=CHN&year=2024");

        var row = Assert.Single(body.Data);
        Assert.Equal("CHN", row.Country);
        Assert.Equal("China", row.CountryName);
        Assert.Equal(270000, row.Value);
        Assert.Equal("t", row.Unit);
        Assert.Equal("usgs-mcs-2026", row.Source.Edition);
        Assert.Equal("10.5066/P1WKQ63T", row.Source.Doi);
    }

    [Fact]
    public async Task World2024_LatestIs380000_AndMcs2025Said390000()
    {
        var latest = Assert.Single((await GetJson("api/v1/production?country=WLD&year=2024")).Data);
        var mcs2025 = Assert.Single((await GetJson("api/v1/production?country=WLD&year=2024&edition=usgs-mcs-2025")).Data);

        Assert.Equal(380000, latest.Value);
        Assert.Equal("usgs-mcs-2026", latest.Source.Edition);
        Assert.Equal(390000, mcs2025.Value);
        Assert.Equal("usgs-mcs-2025", mcs2025.Source.Edition);
    }

    [Fact]
    public async Task LatestTable_2022_IsOneEditionsTable_AndAnOldEditionNamesTheCopyItWasReadFrom()
    {
        var table = (await GetJson("api/v1/production?year=2022&edition=latest-table&include_aggregates=true")).Data.ToList();
        Assert.All(table, r => Assert.Equal("usgs-myb-2022", r.Source.Edition));
        Assert.Contains(table, r => r.Country == "WLD");

        var mcs2023 = Assert.Single((await GetJson("api/v1/production?country=CHN&year=2022&edition=usgs-mcs-2023")).Data);
        Assert.Equal(210000, mcs2023.Value);
        Assert.EndsWith("/tree/99a987b1c9a8b5f18be6b675ef905c769b922491/API_Scripts/usgs_mcs_data/2023", mcs2023.Source.Copy);
        Assert.Equal("https://doi.org/10.5066/P9WCYUI6", mcs2023.Source.Url);
    }

    [Fact]
    public async Task UnitedStates2023_Is41600_WhateverSpellingOfTheCountry()
    {
        foreach (var country in new[] { "USA", "US", "us", "United States" })
        {
            var body = await GetJson($"api/v1/production?country={Uri.EscapeDataString(country)}&year=2023");
            Assert.Equal(41600, Assert.Single(body.Data).Value);
            Assert.Equal("USA", body.Meta.Query["country"]);
        }
    }

    [Fact]
    public async Task BurmaAliases_AllMeanMmr()
    {
        foreach (var country in new[] { "Burma", "Myanmar", "MM", "MMR" })
        {
            var body = await GetJson($"api/v1/production?country={country}&year=2022");
            Assert.Equal("MMR", Assert.Single(body.Data).Country);
        }
    }

    [Fact]
    public async Task AllCountries_ExcludeAggregatesUnlessAsked()
    {
        var without = await GetJson("api/v1/production?year=2024");
        var with = await GetJson("api/v1/production?year=2024&include_aggregates=true");

        Assert.DoesNotContain(without.Data, r => r.Country is "WLD" or "OTH");
        Assert.Contains(with.Data, r => r.Country == "WLD");
        Assert.Contains(with.Data, r => r.Country == "OTH");
    }

    [Fact]
    public async Task WorldReserves_Mcs2025_IsALowerBoundOf90Million()
    {
        var row = Assert.Single((await GetJson("api/v1/reserves?country=WLD&edition=usgs-mcs-2025")).Data);

        Assert.Equal(90000000, row.Value);
        Assert.Equal(ValueStatus.LowerBound, row.Status);
        Assert.Equal(2024, row.Year);
    }

    [Fact]
    public async Task LongHistory_WorldTotalsGoBackBefore1990()
    {
        var body = await GetJson("api/v1/production?country=WLD&start=1985&end=1995");

        Assert.Equal(11, body.Data.Count);
        Assert.All(body.Data, r => Assert.Equal("usgs-ds140-2020", r.Source.Edition));
    }

    [Fact]
    public async Task MatchingETag_Returns304WithNoBody()
    {
        using var first = await Client.GetAsync("api/v1/production?country=CHN,USA&start=2018");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age=", first.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Content.Headers.LastModified);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/production?country=CHN,USA&start=2018");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task SameQuerySpelledDifferently_HasTheSameETag_OtherQueryAnother()
    {
        using var a = await Client.GetAsync("api/v1/production?country=CHN,USA&year=2024");
        using var b = await Client.GetAsync("api/v1/production?year=2024&country=cn,United%20States");
        using var c = await Client.GetAsync("api/v1/production?country=CHN&year=2024");

        Assert.Equal(a.Headers.ETag, b.Headers.ETag);
        Assert.NotEqual(a.Headers.ETag, c.Headers.ETag);
    }

    [Fact]
    public async Task Csv_IsParseableAndCarriesTheSameFigures()
    {
        using var response = await Client.GetAsync("api/v1/production?country=CHN,USA&start=2020&end=2025&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment; filename=\"production-", response.Content.Headers.ContentDisposition?.ToString());

        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(12, rows.Count);
        var china2024 = Assert.Single(rows, r => (string)r["country"] == "CHN" && (string)r["year"] == "2024");
        Assert.Equal("270000", china2024["value"]);
        Assert.Equal("usgs-mcs-2026", china2024["edition"]);
        Assert.Equal("Production quota; does not include undocumented production.", china2024["note"]);
    }

    [Fact]
    public async Task AcceptTextCsv_GivesCsv_ButFormatWins()
    {
        using var csvRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/production?country=CHN&year=2024");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/production?country=CHN&year=2024&format=json");
        jsonRequest.Headers.Accept.ParseAdd("text/csv");

        using var csv = await Client.SendAsync(csvRequest);
        using var json = await Client.SendAsync(jsonRequest);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Paging_WalksEveryRowOnceInOrder()
    {
        var all = (await GetJson("api/v1/production?start=2018&end=2025&limit=10000")).Data
            .Select(r => $"{r.Country}/{r.Year}").ToList();

        var paged = new List<string>();
        string? url = "api/v1/production?start=2018&end=2025&limit=7";
        while (url is not null)
        {
            var body = await GetJson(url);
            paged.AddRange(body.Data.Select(r => $"{r.Country}/{r.Year}"));
            Assert.Equal(all.Count, body.Meta.Total);
            url = body.Links.Next;
        }

        Assert.True(all.Count > 7);
        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task Sort_ByValueDescending()
    {
        var body = await GetJson("api/v1/production?year=2024&sort=-value&limit=3");

        Assert.Equal(["CHN", "USA", "AUS"], body.Data.Select(r => r.Country).ToArray());
    }

    [Fact]
    public async Task ValidQueryMatchingNothing_Is200EmptyWithAWarning()
    {
        var body = await GetJson("api/v1/production?country=JPN");

        Assert.Empty(body.Data);
        var warning = Assert.Single(body.Meta.Warnings);
        Assert.Contains("Japan", warning);
    }

    [Fact]
    public async Task Head_AnswersHeadersWithoutBody()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "api/v1/production?country=CHN"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Cors_AllowsAnyOriginToReadAndExposesETag()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/production?country=CHN&year=2024");
        request.Headers.Add("Origin", "https://newsroom.example");
        using var response = await Client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }
}
