namespace RareEarthApi.Datasets;

/// <summary>The bundled seed files, copied beside the assembly at build and publish.</summary>
internal static class SeedFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Seed", name);
}
