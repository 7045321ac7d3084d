using System.Net.Http.Json;
using System.Text.Json;

namespace RareEarthApi.Tests.Support;

internal static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static IEnumerable<JsonElement> Data(this JsonElement body) => body.GetProperty("data").EnumerateArray();
}
