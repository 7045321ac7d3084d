namespace RareEarthApi.Bench;

/// <summary>"--name value" pairs; "--env K=V" may repeat.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Env { get; } = [];

    public static BenchArgs Parse(string[] args)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (name == "env")
            {
                parsed.Env.Add(args[i + 1]);
            }
            else
            {
                parsed._values[name] = args[i + 1];
            }
        }

        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
