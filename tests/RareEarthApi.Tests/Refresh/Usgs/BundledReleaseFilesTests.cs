using RareEarthApi.Tests.Support;
using Xunit.Abstractions;

namespace RareEarthApi.Tests.Refresh.Usgs;

/// <summary>The real release files bundled under Seed/raw, parsed by the refresh's own code.</summary>
public sealed class BundledReleaseFilesTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryBundledEdition_ParsesWithoutProblems()
    {
        var editions = SeedCatalogs.BundledEditions;

        foreach (var e in editions)
        {
            output.WriteLine($"{e.Edition.Id}: {e.Rows.Count} rows, {e.Problems.Count} problems");
            foreach (var p in e.Problems.Take(200))
            {
                output.WriteLine("  " + p);
            }
        }

        Assert.All(editions, e => Assert.True(e.Accepted, e.Rejection));
    }
}

