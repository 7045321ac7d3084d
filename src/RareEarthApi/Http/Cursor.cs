using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RareEarthApi.Http;

/// <summary>
/// An opaque page cursor: the dataset, its data version, the offset, and a fingerprint of the query it belongs to.
/// Pages never shuffle: a cursor from another dataset, another version of the data or another query is refused rather
/// than misread.
/// </summary>
public static class Cursor
{
    public static string Encode(string dataset, string dataVersion, int offset, string queryFingerprint) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"2:{dataset}:{dataVersion}:{offset.ToString(CultureInfo.InvariantCulture)}:{queryFingerprint}"));

    /// <summary>The offset, or an error message for the user.</summary>
    public static (int Offset, string? Error) Decode(string cursor, string dataset, string dataVersion, string queryFingerprint)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return (0, "'cursor' is not a cursor this API issued; take it from links.next.");
        }

        var parts = text.Split(':');
        if (parts.Length != 5 || parts[0] != "2" || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return (0, "'cursor' is not a cursor this API issued; take it from links.next.");
        }

        if (parts[1] != dataset)
        {
            return (0, $"'cursor' belongs to another dataset ({parts[1]}), not {dataset}; take the cursor from this route's links.next.");
        }

        if (parts[2] != dataVersion)
        {
            return (0, $"'cursor' belongs to data version {parts[2]}, but the dataset has since been republished as {dataVersion}; start again without a cursor.");
        }

        if (parts[4] != queryFingerprint)
        {
            return (0, "'cursor' belongs to a different query; keep the other parameters as they were for the first page.");
        }

        return (offset, null);
    }

    /// <summary>A short hash of the canonical query, without paging parameters.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> normalisedQuery)
    {
        var text = string.Join("&", normalisedQuery
            .Where(p => p.Key is not ("cursor" or "limit" or "format"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }
}
