namespace RareEarthApi.Refresh;

/// <summary>What became of one refresh run: recorded in the runs table and returned by the admin routes.</summary>
public sealed record RefreshRun(
    string RunId,
    string Source,
    string Trigger,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    string Outcome,
    int Rows,
    string? Hash,
    string? Message,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Files)
{
    /// <summary>Parts of the source (editions) the run left out, each with why; what they had stays served.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];
}

public static class RefreshOutcome
{
    public const string Running = "running";

    /// <summary>A new version was published.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The source's files hash as at the last successful run: nothing to do.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Downloaded and parsed, nothing published (no publisher for the rows yet).</summary>
    public const string NotPublished = "not-published";

    public const string Failed = "failed";

    public static bool IsSuccess(string outcome) => outcome is Succeeded or Unchanged or NotPublished;
}
