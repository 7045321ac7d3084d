using System.ComponentModel.DataAnnotations;

namespace RareEarthApi.Storage;

/// <summary>
/// Where the data lives. Locally a connection string (Azurite); in Azure the service URIs and a managed identity.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Connection string, for Azurite or a developer account. When set, the URIs are ignored.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table endpoint, e.g. https://account.table.core.windows.net, used with managed identity.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Blob endpoint, e.g. https://account.blob.core.windows.net, used with managed identity.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for the system identity or a developer login.</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix for every table name, so that tests and side-by-side deployments never share tables.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = "";

    /// <summary>Blob container for raw source downloads.</summary>
    [Required]
    public string RawContainer { get; set; } = "raw";

    /// <summary>Retries of one storage call before the request is answered 503.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Seconds one storage call may take.</summary>
    [Range(1, 300)]
    public int NetworkTimeoutSeconds { get; set; } = 10;

    public string DatasetsTable => TablePrefix + "datasets";

    public string RowsTable => TablePrefix + "datasetrows";
}
