using System.Net;
using System.Text.Json;
using RareEarthApi.Http;

namespace RareEarthApi.Tests.Support;

/// <summary>GET helpers for the integration tests: a 200 JSON body, or a 400 problem naming a parameter.</summary>
internal static class ApiGet
{
    public static async Task<JsonElement> OkJson(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }

    /// <summary>A 200 JSON body as the envelope of its rows' wire type.</summary>
    public static async Task<Envelope<T>> ReadEnvelope<T>(this HttpClient client, string url) => Wire.Read<Envelope<T>>(await client.OkJson(url));

    /// <summary>A 400 problem+json.</summary>
    public static async Task<Problem> BadRequest(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadWireAsync<Problem>();
    }

    /// <summary>The error for <paramref name="parameter"/> in a 400 problem+json.</summary>
    public static async Task<ParameterError> ProblemFor(this HttpClient client, string url, string parameter) =>
        Assert.Single((await client.BadRequest(url)).Errors ?? [], e => e.Parameter == parameter);

    /// <summary>Asks twice, the second time with the first ETag: a 304 with no body.</summary>
    public static async Task AssertNotModifiedOnSecondAsk(this HttpClient client, string url)
    {
        using var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    public static async Task<IReadOnlyList<Dictionary<string, string>>> Csv(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        return csv.GetRecords<dynamic>().Select(r => ((IDictionary<string, object>)r).ToDictionary(p => p.Key, p => (string)p.Value)).ToList();
    }

    public static IEnumerable<string?> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString());
}
