namespace RareEarthApi.Datasets;

/// <summary>What a publish writes: the rows of one dataset and the editions they cite.</summary>
internal sealed record DatasetContent<TRow>(IReadOnlyList<TRow> Rows, IReadOnlyList<SourceEdition> Editions)
{
    /// <summary>
    /// This content with the editions of <paramref name="fresh"/> taken from it: their old rows go, theirs come in, and
    /// every other edition stays as it is. Editions left without rows are dropped from the list.
    /// </summary>
    public DatasetContent<TRow> WithEditionsFrom(DatasetContent<TRow> fresh, Func<TRow, string> edition)
    {
        var replaced = fresh.Editions.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var rows = Rows.Where(r => !replaced.Contains(edition(r))).Concat(fresh.Rows).ToList();
        var cited = rows.Select(edition).ToHashSet(StringComparer.Ordinal);
        var editions = Editions.Where(e => !replaced.Contains(e.Id)).Concat(fresh.Editions).Where(e => cited.Contains(e.Id)).ToList();
        return new DatasetContent<TRow>(rows, editions);
    }
}
