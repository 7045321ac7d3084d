using System.Net;
using System.Text.RegularExpressions;
using RareEarthApi.Http;
using RareEarthApi.Production;
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
        var newest = await Row("api/v1/reserves?country=BRA&edition=usgs-mcs-2026");
        Assert.Equal<(double?, string?)>((11000000.0, "1.3"), (newest.Value, newest.Version));
        Assert.Contains("changed this value from 21,000,000 to 11,000,000", newest.Note);

        var first = await Row("api/v1/reserves?country=BRA&edition=usgs-mcs-2026&version=1.0");
        Assert.Equal<(double?, string?)>((21000000.0, "1.0"), (first.Value, first.Version));

        var world = await Row("api/v1/reserves?country=WLD&edition=usgs-mcs-2026");
        Assert.Equal<(double?, string, string?)>((75000000.0, "lower-bound", "1.3"), (world.Value, WireEnum.Text(world.Status), world.Version));
        var worldFirst = await Row("api/v1/reserves?country=WLD&edition=usgs-mcs-2026&version=1.0");
        Assert.Equal<(double?, string, string?)>((85000000.0, "lower-bound", "1.0"), (worldFirst.Value, WireEnum.Text(worldFirst.Status), worldFirst.Version));
        // latest takes the newest version too.
        var latest = await Row("api/v1/reserves?country=BRA&year=2025");
        Assert.Equal("1.3", latest.Version);
    }

    [Fact]
    public async Task AnUnrevisedFigure_IsTheSameInEveryVersion()
    {
        var newest = await Row("api/v1/reserves?country=CHN&edition=usgs-mcs-2026");
        var first = await Row("api/v1/reserves?country=CHN&edition=usgs-mcs-2026&version=1.0");

        Assert.Equal(44000000.0, newest.Value);
        // Record equality, member for member (the strict read leaves no member of the body out).
        Assert.Equal(newest, first);
        Assert.Equal("1.0", first.Version);
    }

    [Fact]
    public async Task AnUnknownVersion_Is400_ListingTheVersions()
    {
        using var response = await api.Client.GetAsync("api/v1/reserves?version=2.0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.ReadWireAsync<Problem>();

        var error = Assert.Single(body.Errors ?? [], e => e.Parameter == "version");
        Assert.Equal(["1.0", "1.3"], error.Accepted!);
    }

    private async Task<ObservationJson> Row(string url) => Assert.Single((await api.Client.ReadEnvelope<ObservationJson>(url)).Data);

    [GeneratedRegex(@"reserves for Brazil was changed from ""([^""]+)"" to ""([^""]+)"" and the total was revised down from ""([^""]+)"" to ""([^""]+)""")]
    private static partial Regex BrazilChange();
}
