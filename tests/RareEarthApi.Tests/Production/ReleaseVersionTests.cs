using System.Net;
using System.Text.RegularExpressions;
using RareEarthApi.Refresh.Usgs;
using RareEarthApi.Tests.Support;

namespace RareEarthApi.Tests.Production;

/// <summary>
/// MCS 2026 as revised after publication: the bundled file is version 1.0, its version history (bundled beside it)
/// states what version 1.3 changed, and both versions are served, each row naming its own.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ReleaseVersionTests(ApiFixture api)
{
    private static string History() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "raw", "usgs-mcs-2026", "version_history.txt"));

    [Fact]
    public void TheHistory_StatesTheRevisedValues_ThatTheTestsPin()
    {
        // Read here with a pattern of the test's own, so the pinned figures below are the file's.
        var change = BrazilChange().Match(History());
        Assert.True(change.Success);
        Assert.Equal(("21,000,000", "11,000,000", ">85,000,000", ">75,000,000"), (change.Groups[1].Value, change.Groups[2].Value, change.Groups[3].Value, change.Groups[4].Value));

        var revisions = UsgsVersionHistory.Read(History());
        Assert.Equal(2, revisions.Count);
        Assert.All(revisions, r => Assert.Equal(("1.3", new DateOnly(2026, 5, 27)), (r.Version, r.Posted)));
    }

    [Fact]
    public async Task RevisedFigures_AreServedAsTheNewerVersion_TheEarlierStillReachable()
    {
        var newest = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=BRA&edition=usgs-mcs-2026")).Data());
        Assert.Equal((11000000.0, "1.3"), (newest.GetProperty("value").GetDouble(), newest.GetProperty("version").GetString()));
        Assert.Contains("changed this value from 21,000,000 to 11,000,000", newest.GetProperty("note").GetString());

        var first = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=BRA&edition=usgs-mcs-2026&version=1.0")).Data());
        Assert.Equal((21000000.0, "1.0"), (first.GetProperty("value").GetDouble(), first.GetProperty("version").GetString()));

        var world = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=WLD&edition=usgs-mcs-2026")).Data());
        Assert.Equal((75000000.0, "lower-bound", "1.3"), (world.GetProperty("value").GetDouble(), world.GetProperty("status").GetString(), world.GetProperty("version").GetString()));
        var worldFirst = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=WLD&edition=usgs-mcs-2026&version=1.0")).Data());
        Assert.Equal((85000000.0, "lower-bound", "1.0"), (worldFirst.GetProperty("value").GetDouble(), worldFirst.GetProperty("status").GetString(), worldFirst.GetProperty("version").GetString()));
        // latest takes the newest version too.
        var latest = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=BRA&year=2025")).Data());
        Assert.Equal("1.3", latest.GetProperty("version").GetString());
    }

    [Fact]
    public async Task AnUnrevisedFigure_IsTheSameInEveryVersion()
    {
        var newest = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=CHN&edition=usgs-mcs-2026")).Data());
        var first = Assert.Single((await api.Client.OkJson("api/v1/reserves?country=CHN&edition=usgs-mcs-2026&version=1.0")).Data());

        Assert.Equal(44000000.0, newest.GetProperty("value").GetDouble());
        Assert.Equal(newest.ToString(), first.ToString());
        Assert.Equal("1.0", first.GetProperty("version").GetString());
    }

    [Fact]
    public async Task AnUnknownVersion_Is400_ListingTheVersions()
    {
        using var response = await api.Client.GetAsync("api/v1/reserves?version=2.0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadJsonAsync();

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("parameter").GetString() == "version");
        Assert.Equal(["1.0", "1.3"], error.GetProperty("accepted").EnumerateArray().Select(s => s.GetString()));
    }

    [GeneratedRegex(@"reserves for Brazil was changed from ""([^""]+)"" to ""([^""]+)"" and the total was revised down from ""([^""]+)"" to ""([^""]+)""")]
    private static partial Regex BrazilChange();
}
