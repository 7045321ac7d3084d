using System.Security.Cryptography;
using System.Text;

namespace RareEarthApi.Datasets;

/// <summary>
/// What the bundled editions are a function of: this build's code and every file under Seed/. A start whose
/// fingerprint and served version equal the ones the last bundled-editions check recorded would reach the same
/// answer (nothing to add), so it skips parsing the release files again.
/// </summary>
internal sealed class BundledSeedFingerprint
{
    private readonly Lazy<string> _value;

    public BundledSeedFingerprint()
        : this(Path.GetDirectoryName(SeedFiles.Path("x"))!, typeof(BundledSeedFingerprint).Assembly.ManifestModule.ModuleVersionId)
    {
    }

    public BundledSeedFingerprint(string seedDirectory, Guid build) =>
        _value = new Lazy<string>(() => Compute(seedDirectory, build));

    public string Value => _value.Value;

    private static string Compute(string seedDirectory, Guid build)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(build.ToByteArray());
        var buffer = new byte[81920];
        foreach (var file in Directory.EnumerateFiles(seedDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // The name as well as the bytes: a file moved or renamed is a different seed.
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(seedDirectory, file).Replace('\\', '/') + "\0"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }

            hash.AppendData("\0"u8);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
