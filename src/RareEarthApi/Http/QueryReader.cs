using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RareEarthApi.Http;

/// <summary>
/// Reads query parameters against a route's declared <see cref="ParameterSpec"/>s, collecting every problem
/// instead of stopping at the first, so one 400 names all that is wrong.
/// </summary>
public sealed class QueryReader
{
    private readonly IQueryCollection _query;
    private readonly Dictionary<string, ParameterSpec> _specs;
    private readonly List<ParameterError> _errors = [];

    /// <summary>
    /// The function key as a query parameter (Azure Functions reads code= before the worker sees the request): on every
    /// route it is no parameter of the route, no error, and never echoed.
    /// </summary>
    public const string FunctionKeyParameter = "code";

    /// <summary>The request's path and query as a body may name it (a problem's instance): the function key left out.</summary>
    public static string PathAndQueryWithoutKey(HttpRequest request)
    {
        var query = request.Query.Where(p => !p.Key.Equals(FunctionKeyParameter, StringComparison.OrdinalIgnoreCase)).ToList();
        var text = query.Count == request.Query.Count ? request.QueryString.ToUriComponent()
            : new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")))).ToQueryString().ToUriComponent();
        return (request.PathBase + request.Path).ToUriComponent() + text;
    }

    /// <summary>Items a list parameter may hold (repeats counted): bounds the work one request can ask for.</summary>
    public const int MaxListItems = 100;

    /// <summary>The request's query, and its cancellation: work stops when the client has gone.</summary>
    public QueryReader(HttpRequest request, IReadOnlyList<ParameterSpec> specs)
        : this(request.Query, specs, request.HttpContext.RequestAborted)
    {
    }

    public QueryReader(IQueryCollection query, IReadOnlyList<ParameterSpec> specs, CancellationToken aborted = default)
    {
        _query = query;
        Aborted = aborted;
        _specs = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var key in query.Keys)
        {
            if (!_specs.ContainsKey(key) && !key.Equals(FunctionKeyParameter, StringComparison.OrdinalIgnoreCase))
            {
                var suggestion = specs.Select(s => s.Name).Where(n => n.Equals(key, StringComparison.OrdinalIgnoreCase)
                    || n.Replace("_", "", StringComparison.Ordinal).Equals(key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).ToList();
                _errors.Add(new ParameterError(key, query[key].ToString(),
                    $"'{key}' is not a parameter of this route.", specs.Select(s => s.Name).ToList(), suggestion.Count > 0 ? suggestion : null));
            }
        }
    }

    public IReadOnlyList<ParameterError> Errors => _errors;

    /// <summary>Cancelled when the client has gone; long loops over parameter values check it.</summary>
    public CancellationToken Aborted { get; }

    public bool HasErrors => _errors.Count > 0;

    public void Fail(string parameter, string? value, string detail, IReadOnlyList<string>? accepted = null, IReadOnlyList<string>? suggestions = null) =>
        _errors.Add(new ParameterError(parameter, value, detail, accepted, suggestions));

    public bool Has(string name) => _query.ContainsKey(name);

    /// <summary>The raw single value, or null when absent; a repeated or empty parameter is an error (only lists may repeat).</summary>
    public string? Single(string name)
    {
        Spec(name);
        if (!_query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            Fail(name, string.Join(",", values.ToArray()), $"'{name}' is given {values.Count} times; give it once.");
            return null;
        }

        var value = values[0]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Fail(name, value, $"'{name}' is empty.", Spec(name).Values);
            return null;
        }

        return value;
    }

    /// <summary>A comma list; repeated parameters add to it (country=CHN&amp;country=USA is CHN,USA). Empty items are errors.</summary>
    public IReadOnlyList<string> List(string name) => Items(name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The items of a comma list in the order given, duplicates kept (for callers that join adjacent items, such as
    /// country names with a comma, or that refuse an item given twice). Empty items are errors.
    /// </summary>
    public IReadOnlyList<string> Items(string name)
    {
        Spec(name);
        if (!_query.TryGetValue(name, out var values))
        {
            return [];
        }

        var items = values.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).ToList();
        if (items.Count > MaxListItems)
        {
            var shown = string.Join(",", items.Take(3));
            Fail(name, $"{shown},… ({items.Count} items)", $"'{name}' has {items.Count} items; a list takes at most {MaxListItems}.", [$"at most {MaxListItems} items"]);
            return [];
        }

        if (items.Any(i => i.Length == 0))
        {
            Fail(name, string.Join(",", values.ToArray()), $"'{name}' has an empty item; give a comma-separated list such as {Spec(name).Example}.");
            return [];
        }

        return items;
    }

    public int? Integer(string name)
    {
        var spec = Spec(name);
        var raw = Single(name);
        if (raw is null)
        {
            return null;
        }

        var min = spec.Minimum ?? int.MinValue;
        var max = spec.Maximum ?? int.MaxValue;
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(name, raw, $"'{name}' must be a whole number from {min} to {max}.", [$"{min}..{max}"]);
            return null;
        }

        return value;
    }

    public bool? Boolean(string name)
    {
        var raw = Single(name);
        switch (raw)
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Fail(name, raw, $"'{name}' must be true or false.", ["true", "false"]);
                return null;
        }
    }

    /// <summary>One of the spec's declared values, matched without regard to case.</summary>
    public string? Choice(string name)
    {
        var spec = Spec(name);
        var raw = Single(name);
        if (raw is null)
        {
            return null;
        }

        var match = spec.Values?.FirstOrDefault(v => v.Equals(raw, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Fail(name, raw, $"'{name}' must be one of: {string.Join(", ", spec.Values ?? [])}.", spec.Values);
        }

        return match;
    }

    private ParameterSpec Spec(string name) =>
        _specs.TryGetValue(name, out var spec) ? spec : throw new InvalidOperationException($"Parameter '{name}' is read but not declared.");
}
