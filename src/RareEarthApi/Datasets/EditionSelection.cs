using RareEarthApi.Http;

namespace RareEarthApi.Datasets;

/// <summary>edition=latest or an edition id, answered the same way on every dataset whose rows name their edition.</summary>
internal static class EditionSelection
{
    /// <summary>
    /// 'latest': for each <paramref name="key"/>, the row from the edition published last (a later edition revises an
    /// earlier one). An edition id: that edition's rows alone.
    /// </summary>
    public static IEnumerable<TRow> Select<TRow, TKey>(
        IEnumerable<TRow> rows, string edition, DatasetSnapshot<TRow> snapshot, Func<TRow, string> editionOf, Func<TRow, TKey> key) =>
        edition != QueryParts.LatestEdition
            ? rows.Where(r => editionOf(r) == edition)
            : rows.GroupBy(key).Select(g => g.MaxBy(r => (snapshot.Edition(editionOf(r))?.Published ?? DateOnly.MinValue, editionOf(r)))!);
}
