namespace RareEarthApi.Tests.Support;

internal static class RepoPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds RareEarthApi.sln.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RareEarthApi.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("RareEarthApi.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Debug or Release: the configuration these tests were built in (bin/{configuration}/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/', '\\')).Parent!.Name;
}
