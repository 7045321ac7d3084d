namespace RareEarthApi.Datasets;

/// <summary>
/// Bundled editions an earlier release shipped that this one takes back (Seed/retired-editions.csv): <c>withdrawn</c>
/// (no longer bundled: a store that serves it drops it) or <c>replaced</c> (bundled with other rows: a store serving
/// the old edition record gets the bundled rows instead). So figures a release withdraws do not live on in stores
/// seeded before it.
/// </summary>
internal sealed record RetiredEdition(string Id, bool Replaced, string Reason)
{
    public const string File = "retired-editions.csv";

    public static IReadOnlyDictionary<string, RetiredEdition> Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return new Dictionary<string, RetiredEdition>(StringComparer.Ordinal);
        }

        return CsvFiles.Read(path).Select((r, i) =>
        {
            var action = r.Required("action", File, i + 2);
            return action is "withdrawn" or "replaced"
                ? new RetiredEdition(r.Required("id", File, i + 2), action == "replaced", r.Required("reason", File, i + 2))
                : throw new InvalidDataException($"{File} row {i + 2}: action '{action}' is not one of withdrawn, replaced.");
        }).ToDictionary(e => e.Id, StringComparer.Ordinal);
    }
}
