namespace RareEarthApi.Http;

/// <summary>The one response shape of every dataset route: the rows, what they are, and where to go next.</summary>
public sealed record Envelope<T>(IReadOnlyList<T> Data, ResponseMeta Meta, ResponseLinks Links);

public sealed record ResponseMeta(
    string Dataset,
    int Total,
    int Returned,
    IReadOnlyDictionary<string, string> Query,
    string DataVersion,
    DateTimeOffset LastUpdated,
    string Citation,
    IReadOnlyList<string> Warnings);

public sealed record ResponseLinks(string Self, string? Next, string Csv);
