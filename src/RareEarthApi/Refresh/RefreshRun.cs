using System.Text.Json.Serialization;

namespace RareEarthApi.Refresh;

/// <summary>What became of one refresh run: recorded in the runs table and returned by the admin routes.</summary>
public sealed record RefreshRun(
    string RunId,
    string Source,
    string Trigger,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    RefreshOutcome Outcome,
    int Rows,
    string? Hash,
    string? Message,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Files)
{
    /// <summary>Parts of the source (editions) the run left out, each with why; what they had stays served.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];
}

/// <summary>What became of a run; the texts are those of the runs table and the admin routes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshOutcome>))]
public enum RefreshOutcome
{
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>A new version was published.</summary>
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>The source's files hash as at the last successful run: nothing to do.</summary>
    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    /// <summary>Downloaded and parsed, nothing published (no publisher for the rows yet).</summary>
    [JsonStringEnumMemberName("not-published")]
    NotPublished,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

public static class RefreshOutcomes
{
    public static bool IsSuccess(this RefreshOutcome outcome) => outcome is RefreshOutcome.Succeeded or RefreshOutcome.Unchanged or RefreshOutcome.NotPublished;
}
