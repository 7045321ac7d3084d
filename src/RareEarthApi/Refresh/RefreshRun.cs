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

    /// <summary>Why a failed run failed (null unless the outcome is failed); the admin routes' status code follows it.</summary>
    public RefreshFailure? Failure { get; init; }

    /// <summary>The versions the run published (empty unless it succeeded).</summary>
    public IReadOnlyList<PublishedVersion> Published { get; init; } = [];
}

/// <summary>One dataset version a run published.</summary>
public sealed record PublishedVersion(string Dataset, string Version, int Rows);

/// <summary>
/// How a run ended: running (not ended yet), succeeded (published), unchanged (the files hash as at the last
/// successful run), not-published (downloaded and parsed, no publisher for the rows, or nothing configured), failed.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshOutcome>))]
public enum RefreshOutcome
{
    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("unchanged")]
    Unchanged,

    [JsonStringEnumMemberName("not-published")]
    NotPublished,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// Why a run failed: source (it could not be downloaded: an error status, a timeout, a truncated body; 502),
/// rejected (the file or its rows failed validation; 422), storage (Table or Blob Storage failed; 503), lock-lost
/// (the run's lease was lost, another run may hold it; 409), cancelled (the host stopped; 503), interrupted (the run's
/// end was never recorded; found by the next run), unexpected (a bug; 500).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefreshFailure>))]
public enum RefreshFailure
{
    [JsonStringEnumMemberName("source")]
    Source,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("storage")]
    Storage,

    [JsonStringEnumMemberName("lock-lost")]
    LockLost,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    [JsonStringEnumMemberName("interrupted")]
    Interrupted,

    [JsonStringEnumMemberName("unexpected")]
    Unexpected,
}

public static class RefreshOutcomes
{
    public static bool IsSuccess(this RefreshOutcome outcome) => outcome is RefreshOutcome.Succeeded or RefreshOutcome.Unchanged or RefreshOutcome.NotPublished;
}
