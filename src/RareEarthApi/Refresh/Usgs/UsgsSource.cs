using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>
/// USGS MCS editions on ScienceBase: each enabled edition's item JSON names its files; the matching ones are
/// downloaded, archived and parsed. The production and reserves datasets are then republished as the union of the
/// served version's rows of every other edition (Minerals Yearbook, Data Series 140, editions not configured) and
/// the refreshed editions' new rows, so a refresh of one edition never drops another's. Each edition is checked on its
/// own: a rejected one (an unknown label or token, a file that lost rows) keeps its served rows and is named in the
/// run, while the others publish.
/// </summary>
internal sealed class UsgsSource(
    IOptions<UsgsRefreshOptions> usgs,
    IOptions<RefreshOptions> refresh,
    CountryCatalog countries,
    UsgsCommodityNames names,
    DatasetVersionStore store) : IRefreshSource
{
    public const string SourceName = "usgs";
    private const string Publisher = "U.S. Geological Survey";

    public string Name => SourceName;

    public IReadOnlyList<string> Datasets { get; } = [.. UsgsTables.All.Select(t => t.Name)];

    private IEnumerable<KeyValuePair<string, UsgsEditionOptions>> Enabled =>
        usgs.Value.Editions.Where(e => e.Value.Enabled && e.Value.ItemId.Length > 0).OrderBy(e => e.Key, StringComparer.Ordinal);

    public async Task<IReadOnlyList<ArchivedFile>> FetchAsync(RefreshContext context, CancellationToken cancellationToken)
    {
        var files = new List<ArchivedFile>();
        foreach (var (edition, options) in Enabled)
        {
            var itemUrl = new Uri(usgs.Value.ItemUrlTemplate.Replace("{itemId}", Uri.EscapeDataString(options.ItemId), StringComparison.Ordinal));
            var item = await context.DownloadAsync(itemUrl, $"{edition}/item-{options.ItemId}.json", cancellationToken);
            var listed = ReadItemFiles(await File.ReadAllBytesAsync(item.Path, cancellationToken), itemUrl);
            var pattern = new Regex(options.Files, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var wanted = listed.Where(f => pattern.IsMatch(f.Name)).ToList();
            if (wanted.Count == 0)
            {
                throw new InvalidDataException($"{edition}: item {options.ItemId} lists no file matching '{options.Files}' (it lists {string.Join(", ", listed.Select(f => f.Name))}).");
            }

            foreach (var (name, url) in wanted)
            {
                files.Add(await context.DownloadAsync(url, $"{edition}/{name}", cancellationToken));
            }
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException("No USGS edition is enabled (Refresh:Usgs:Editions).");
        }

        return files;
    }

    public async Task<IReadOnlyList<ParsedDataset>> ParseAsync(RefreshContext context, IReadOnlyList<ArchivedFile> files, CancellationToken cancellationToken)
    {
        var editions = files.GroupBy(f => f.Name.Split('/', 2)[0], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => UsgsEditions.Parse(Edition(g.Key), usgs.Value.Editions[g.Key].Version, g.Select(f => (f.Path, f.Name.Split('/', 2)[1])), countries, names))
            .ToList();
        foreach (var note in editions.SelectMany(e => e.Notes))
        {
            context.Note(note);
        }

        var tables = new List<IUsgsServedTable>();
        foreach (var table in UsgsTables.All)
        {
            tables.Add(await table.LoadAsync(store, cancellationToken));
        }

        // An edition whose file lost many of the rows served for it looks incomplete: it is rejected like a bad file.
        editions = [.. editions.Select(e => e with { Problems = [.. e.Problems, .. tables.SelectMany(t => t.RowDrops(e, refresh.Value.MaxRowDropFraction))] })];
        var rejected = editions.Where(e => !e.Accepted).Select(e => e.Rejection).ToList();
        // Editions publish independently: the run fails only when no edition can be published.
        var problems = editions.Any(e => e.Accepted) ? [] : rejected;
        return [.. tables.Select(t => t.Publish(editions, problems, rejected))];
    }

    private SourceEdition Edition(string id)
    {
        var o = usgs.Value.Editions[id];
        var published = DateOnly.TryParseExact(o.Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.MinValue;
        return new SourceEdition(id, "usgs-mcs", o.Title.Length > 0 ? o.Title : id, Publisher, published, o.Doi,
            o.Doi is { Length: > 0 } doi ? "https://doi.org/" + doi : null);
    }

    /// <summary>ScienceBase item JSON: files[] with name and url (relative addresses resolve against the item's).</summary>
    internal static IReadOnlyList<(string Name, Uri Url)> ReadItemFiles(byte[] json, Uri itemUrl)
    {
        ScienceBaseItem? item;
        try
        {
            item = JsonSerializer.Deserialize(json, ScienceBaseJson.Default.ScienceBaseItem);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{itemUrl}: the item JSON has no files[] list ({e.Message}).", e);
        }

        if (item?.Files is not { } files)
        {
            throw new InvalidDataException($"{itemUrl}: the item JSON has no files[] list.");
        }

        return files
            .Where(f => f is { Name.Length: > 0, Url: not null })
            .Select(f => (f.Name!, new Uri(itemUrl, f.Url!)))
            .ToList();
    }
}

/// <summary>The part of a ScienceBase item the refresh reads: its files.</summary>
internal sealed record ScienceBaseItem(IReadOnlyList<ScienceBaseFile>? Files);

internal sealed record ScienceBaseFile(string? Name, string? Url);

/// <summary>Compile-time deserialization of ScienceBase item JSON (camelCase, as ScienceBase names its fields).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ScienceBaseItem))]
internal sealed partial class ScienceBaseJson : JsonSerializerContext;
