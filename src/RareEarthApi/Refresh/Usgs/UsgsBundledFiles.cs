using System.Globalization;
using System.Security.Cryptography;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>One real release file shipped unchanged under Seed/raw, as Seed/raw/manifest.csv lists it.</summary>
internal sealed record BundledFile(string Edition, string File, string Sha256, long Bytes, string Role, string Title, DateOnly Published, string? Doi, string? Url, string ItemId, string Version, string Copy);

/// <summary>
/// The USGS data-release files bundled with the app (Seed/raw/manifest.csv: edition, file, sha256, origin). The seed
/// publishes them through <see cref="UsgsEditions"/>, the code the scheduled refresh runs, so the bundled figures are
/// the files' figures; a file whose bytes no longer hash as listed is refused.
/// </summary>
internal static class UsgsBundledFiles
{
    public const string DataRole = "data";
    public const string VersionHistoryRole = "version-history";

    /// <summary>A file that describes a data file's columns (MCS 2024's mcs2024-raree_meta.xml), read with it.</summary>
    public const string MetadataRole = "metadata";

    public static IReadOnlyList<BundledFile> Manifest(string folder)
    {
        var path = Path.Combine(folder, "manifest.csv");
        return [.. CsvFiles.Read(path).Select((r, i) => new BundledFile(
            r.Required("edition", "manifest.csv", i + 2),
            r.Required("file", "manifest.csv", i + 2),
            r.Required("sha256", "manifest.csv", i + 2),
            long.Parse(r.Required("bytes", "manifest.csv", i + 2), NumberStyles.None, CultureInfo.InvariantCulture),
            r.Required("role", "manifest.csv", i + 2),
            r.Required("title", "manifest.csv", i + 2),
            DateOnly.ParseExact(r.Required("published", "manifest.csv", i + 2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.Optional("doi"),
            r.Optional("url"),
            r.Optional("itemId") ?? "",
            r.Optional("version") ?? "",
            r.Required("copy", "manifest.csv", i + 2)))];
    }

    /// <summary>Every bundled edition parsed, checked, each on its own.</summary>
    public static IReadOnlyList<UsgsEditionParse> Parse(string folder, CountryCatalog countries, UsgsCommodityNames names)
    {
        var manifest = Manifest(folder);
        var parsed = new List<UsgsEditionParse>();
        foreach (var edition in manifest.GroupBy(f => f.Edition, StringComparer.Ordinal))
        {
            var data = edition.Where(f => f.Role == DataRole).ToList();
            foreach (var file in edition)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file.File))));
                if (sha != file.Sha256)
                {
                    throw new InvalidDataException($"Seed/raw/{file.File}: sha256 {sha}, where manifest.csv lists {file.Sha256}; the bundled file is not the one recorded.");
                }
            }

            var first = data[0];
            var source = new SourceEdition(edition.Key, "usgs-mcs", first.Title, "U.S. Geological Survey", first.Published, first.Doi, first.Url, CopyOf(data));
            // The data files and, where bundled, the release's revision history.
            var parsedFiles = edition.Where(f => f.Role is DataRole or VersionHistoryRole or MetadataRole);
            parsed.Add(UsgsEditions.Parse(source, first.Version, parsedFiles.Select(f => (Path.Combine(folder, f.File), Path.GetFileName(f.File))), countries, names));
        }

        return parsed;
    }

    /// <summary>The folder every one of <paramref name="folders"/> is in (MCS 2024's world/ and salient/salient/: 2024/).</summary>
    private static string CommonFolder(IReadOnlyList<string> folders)
    {
        var common = folders[0];
        foreach (var folder in folders.Skip(1))
        {
            while (!folder.StartsWith(common, StringComparison.Ordinal))
            {
                common = common[..(common.TrimEnd('/').LastIndexOf('/') + 1)];
            }
        }

        return common;
    }

    /// <summary>
    /// The stored copy the edition's rows name: its one data file's copy, or the folder of a release of many files
    /// (MCS 2024's 77), as a link where the copy is a repository path at a commit ("github.com/owner/repo@sha:path").
    /// </summary>
    private static string CopyOf(IReadOnlyList<BundledFile> data)
    {
        var copy = data.Count == 1 ? data[0].Copy : CommonFolder([.. data.Select(f => f.Copy[..(f.Copy.LastIndexOf('/') + 1)]).Distinct(StringComparer.Ordinal)]);
        var at = copy.IndexOf('@', StringComparison.Ordinal);
        var colon = copy.IndexOf(':', StringComparison.Ordinal);
        return copy.StartsWith("github.com/", StringComparison.Ordinal) && at > 0 && colon > at
            ? $"https://{copy[..at]}/{(copy.EndsWith('/') ? "tree" : "blob")}/{copy[(at + 1)..colon]}/{copy[(colon + 1)..].TrimEnd('/')}"
            : copy;
    }
}
