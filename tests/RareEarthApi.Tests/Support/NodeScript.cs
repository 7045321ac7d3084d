using System.Diagnostics;

namespace RareEarthApi.Tests.Support;

/// <summary>Runs a node program from the repository's node_modules (npm ci puts it there) and returns what it printed.</summary>
internal static class NodeScript
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung browser, not a timing assertion: generous, since the scripts' own waits are bounded
        // (2 minutes a condition) and the machine may be busy.
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish in {Guard.TotalMinutes} minutes.\n{await stdout}\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The artifacts folder (gitignored) where tests keep what a person may want to look at.</summary>
    public static string Artifacts(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "artifacts", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
