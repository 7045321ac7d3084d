using System.ComponentModel.DataAnnotations;

namespace RareEarthApi.Refresh;

/// <summary>The refresh pipeline's limits: validation, retention, staleness, downloads.</summary>
public sealed class RefreshOptions
{
    public const string Section = "Refresh";

    /// <summary>A new version with fewer rows than (1 - this) × the served version's rows is rejected.</summary>
    [Range(0.0, 1.0)]
    public double MaxRowDropFraction { get; set; } = 0.2;

    /// <summary>Versions older than this many days are deleted (never the current or the previous one).</summary>
    [Range(1, 3650)]
    public int KeepVersionsDays { get; set; } = 30;

    /// <summary>A dataset is stale when its source has not refreshed successfully for this many hours.</summary>
    [Range(1, 87600)]
    public int StaleAfterHours { get; set; } = 192;

    /// <summary>Seconds of the blob lease that keeps one run per source; renewed while the run goes on.</summary>
    [Range(15, 60)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Seconds one HTTP attempt may take to answer with headers.</summary>
    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a failed call (5xx, 408, 429, timeouts), with exponential backoff honouring Retry-After.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 4;

    /// <summary>First backoff delay in milliseconds; it doubles on each retry (1, 2, 4, 8 s by default).</summary>
    [Range(0, 60000)]
    public int RetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>Seconds a whole download (headers and body) may take.</summary>
    [Range(1, 7200)]
    public int DownloadTimeoutSeconds { get; set; } = 900;

    /// <summary>Retries of saving a run's end record when storage fails (backing off from 1 s), so that a blip does not leave it at running.</summary>
    [Range(0, 10)]
    public int FinalSaveRetries { get; set; } = 3;

    /// <summary>Largest curated file the admin upload route takes; a larger one is answered 413.</summary>
    [Range(1, 1024)]
    public int MaxUploadMegabytes { get; set; } = 20;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}

/// <summary>USGS Mineral Commodity Summaries data releases on ScienceBase.</summary>
public sealed class UsgsRefreshOptions
{
    public const string Section = "Refresh:Usgs";

    /// <summary>Item JSON address; {itemId} is replaced by each edition's item id.</summary>
    [Required]
    public string ItemUrlTemplate { get; set; } = "https://www.sciencebase.gov/catalog/item/{itemId}?format=json";

    /// <summary>Editions by id; configuration adds editions or overrides one's fields (Enabled=false turns one off).</summary>
    public Dictionary<string, UsgsEditionOptions> Editions { get; set; } = new(StringComparer.Ordinal)
    {
        ["usgs-mcs-2024"] = new()
        {
            ItemId = "65a6e45fd34e5af967a46749",
            // The world files, the salient-statistics files with their metadata, less the 13 salient files no reader
            // takes yet (README: MCS 2024's salient statistics), which would reject the whole edition.
            Files = @"^mcs2024-.+_world\.csv$|^mcs2024-(?!(asbes|cobal|feste|fluor|gypsu|heliu|kyani|lead|quartz|selen|stond|stonec|tellu)_).+_salient\.csv$|^mcs2024[-_].+_meta\.xml$",
            Published = "2024-01-31", Doi = "10.5066/P144BA54",
            Title = "Mineral Commodity Summaries 2024 (data release)",
        },
        ["usgs-mcs-2025"] = new()
        {
            ItemId = "677eaf95d34e760b392c4970", Files = @"^World_Data_Release_MCS_2025\.zip$", Published = "2025-01-31", Doi = "10.5066/P13XCP3R",
            Title = "Mineral Commodity Summaries 2025 (data release)",
        },
        ["usgs-mcs-2026"] = new()
        {
            ItemId = "696a75d5d4be0228872d3bf8", Files = @"^MCS2026_Commodities_Data\.csv$", Published = "2026-02-06", Doi = "10.5066/P1WKQ63T",
            Title = "Mineral Commodity Summaries 2026 (data release)",
        },
    };
}

public sealed class UsgsEditionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>ScienceBase item id of the data release.</summary>
    public string ItemId { get; set; } = "";

    /// <summary>Regular expression over the item's file names: the files to download and parse.</summary>
    public string Files { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>yyyy-MM-dd.</summary>
    public string Published { get; set; } = "";

    public string? Doi { get; set; }

    /// <summary>The release version the files are (1.3 for MCS 2026 as revised in May 2026); empty where never revised.</summary>
    public string Version { get; set; } = "";
}

/// <summary>UN Comtrade trade flows.</summary>
public sealed class ComtradeRefreshOptions
{
    public const string Section = "Refresh:Comtrade";

    [Required]
    public string BaseUrl { get; set; } = "https://comtradeapi.un.org";

    /// <summary>With a key, the keyed endpoint (data/v1/get) and header Ocp-Apim-Subscription-Key; without, the keyless preview.</summary>
    public string? SubscriptionKey { get; set; }

    /// <summary>
    /// Comtrade reporter codes, comma-separated: the dependence question's China 156, United States 842, Japan 392,
    /// South Korea 410, Germany 276, and 97, the European Union ("EU-28" in the stored Comtrade reporter list
    /// reporterAreas.json of repo sashakrasnov/uncomtrade; the crosswalk's XEC).
    /// </summary>
    public string Reporters { get; set; } = "156,842,392,410,276,97";

    /// <summary>HS codes, comma-separated: rare-earth metals, compounds, permanent magnets.</summary>
    public string HsCodes { get; set; } = "280530,2846,850511";

    /// <summary>Flows, comma-separated: M imports, X exports.</summary>
    public string Flows { get; set; } = "M,X";

    /// <summary>The first year asked; every year from it to the current one (as the clock says) is asked.</summary>
    [Range(1962, 2100)]
    public int FirstYear { get; set; } = 2000;

    /// <summary>Years asked in one call before any split (fewer calls come back at the record cap).</summary>
    [Range(1, 50)]
    public int YearsPerCall { get; set; } = 5;

    /// <summary>Milliseconds between calls (the API allows about one a second).</summary>
    [Range(0, 60000)]
    public int MinIntervalMilliseconds { get; set; } = 1100;

    /// <summary>Records a call may return; a call that returns exactly this many is treated as truncated.</summary>
    [Range(1, 100000)]
    public int MaxRecords { get; set; } = 500;
}

/// <summary>
/// Curated files fetched from configured addresses: Refresh:Curated:&lt;Dataset&gt;Url for each curated dataset
/// (RefiningUrl, RestrictionsUrl; a dataset us-statistics reads UsStatisticsUrl). Read from the section's keys, so a
/// new curated dataset needs no new option.
/// </summary>
public sealed class CuratedRefreshOptions
{
    public const string Section = "Refresh:Curated";

    /// <summary>The section's settings as configured, by key.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Dataset → address; empty addresses are left out (those datasets take uploads only).</summary>
    public IReadOnlyDictionary<string, string> Urls() =>
        Settings.Where(kv => kv.Key.EndsWith("Url", StringComparison.OrdinalIgnoreCase) && kv.Key.Length > 3 && !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => DatasetName(kv.Key[..^3]), kv => kv.Value, StringComparer.Ordinal);

    private static string DatasetName(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
