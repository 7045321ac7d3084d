using System.Globalization;

namespace RareEarthApi.Datasets;

/// <summary>A release version of a revised edition (MCS 2026 1.0, revised to 1.3).</summary>
internal static class ReleaseVersion
{
    /// <summary>1.10 after 1.9: a version compares by its numbers.</summary>
    public static (int, int, int) Key(string version)
    {
        var parts = version.Split('.');
        int At(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (At(0), At(1), At(2));
    }
}
