using System.Globalization;
using System.Reflection;
using Azure.Data.Tables;

namespace RareEarthApi.Datasets;

/// <summary>What a record codec says beyond its row record; see <see cref="RecordCodec{TRow}"/>.</summary>
internal sealed record RecordColumns
{
    /// <summary>The parameter the row key holds (an id): read from the key, not stored again.</summary>
    public string? RowKey { get; init; }

    /// <summary>The stored order where it is not the constructor's: what an earlier build wrote, kept to the byte.</summary>
    public IReadOnlyList<string>? Order { get; init; }

    /// <summary>Lists are stored joined by '|'; these columns by another separator.</summary>
    public IReadOnlyDictionary<string, char> Separators { get; init; } = new Dictionary<string, char>();

    /// <summary>
    /// What a row stored without the column (before it existed) reads as, where that is neither the parameter's
    /// default value nor the type's empty one ("" for a string that is not nullable, 0, false, no items, null).
    /// </summary>
    public IReadOnlyDictionary<string, Func<TableEntity, object?>> Missing { get; init; } = new Dictionary<string, Func<TableEntity, object?>>();
}

/// <summary>
/// A row codec declared rather than written: the stored columns are the row record's constructor parameters, under
/// their own names and in their order, typed as <see cref="RowPacker"/> stores them (a date as yyyy-MM-dd, a list
/// joined by '|', an enum by its member name). A codec states its shard, its row key and, in
/// <see cref="RecordColumns"/>, only what differs; StoredRowFormatTests pins every dataset's stored row to the byte.
/// </summary>
internal abstract class RecordCodec<TRow> : IRowCodec<TRow>
{
    private const string DateFormat = "yyyy-MM-dd";

    private readonly IReadOnlyList<Action<TRow, TableEntity>> _writers;
    private readonly IReadOnlyList<Func<TableEntity, object?>> _readers;
    private readonly ConstructorInvoker _create;

    protected RecordCodec(RecordColumns? declared = null)
    {
        declared ??= new RecordColumns();
        var constructor = typeof(TRow).GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no public constructor.");
        var parameters = constructor.GetParameters();
        var nullability = new NullabilityInfoContext();
        var columns = parameters.ToDictionary(p => p.Name!, p => Column(p, declared, nullability), StringComparer.Ordinal);
        var stored = declared.Order ?? [.. parameters.Select(p => p.Name!).Where(name => name != declared.RowKey)];
        if (stored.Count + (declared.RowKey is null ? 0 : 1) != parameters.Length || stored.Any(name => !columns.ContainsKey(name) || name == declared.RowKey))
        {
            throw new InvalidOperationException($"The stored columns of {typeof(TRow).Name} must name each constructor parameter once (the row key's excepted).");
        }

        _writers = [.. stored.Select(name => columns[name].Write)];
        _readers = [.. parameters.Select(p => p.Name == declared.RowKey ? e => e.RowKey : columns[p.Name!].Read)];
        _create = ConstructorInvoker.Create(constructor);
    }

    public abstract string Shard(TRow row);

    public abstract string RowKey(TRow row);

    public void Write(TRow row, TableEntity entity)
    {
        foreach (var write in _writers)
        {
            write(row, entity);
        }
    }

    public TRow Read(TableEntity entity)
    {
        var values = new object?[_readers.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _readers[i](entity);
        }

        return (TRow)_create.Invoke(values);
    }

    private static (Action<TRow, TableEntity> Write, Func<TableEntity, object?> Read) Column(ParameterInfo parameter, RecordColumns declared, NullabilityInfoContext nullability)
    {
        var name = parameter.Name!;
        var property = typeof(TRow).GetProperty(name) ?? throw new InvalidOperationException($"{typeof(TRow).Name}.{name} is a constructor parameter without a property.");
        var missing = declared.Missing.GetValueOrDefault(name) ?? MissingValue(parameter, nullability);
        var separator = declared.Separators.GetValueOrDefault(name, '|');
        return ((Action<TRow, TableEntity>, Func<TableEntity, object?>))typeof(RecordCodec<TRow>)
            .GetMethod(nameof(TypedColumn), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(property.PropertyType)
            .Invoke(null, [name, property, missing, separator])!;
    }

    private static (Action<TRow, TableEntity>, Func<TableEntity, object?>) TypedColumn<T>(string name, PropertyInfo property, Func<TableEntity, object?> missing, char separator)
    {
        var get = property.GetMethod!.CreateDelegate<Func<TRow, T>>();
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (type == typeof(DateOnly))
        {
            return ((row, e) => e[name] = ((DateOnly?)(object?)get(row))?.ToString(DateFormat, CultureInfo.InvariantCulture),
                e => e.GetString(name) is { } text ? DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture) : missing(e));
        }

        if (type == typeof(IReadOnlyList<string>))
        {
            return ((row, e) => e[name] = string.Join(separator, (IReadOnlyList<string>)get(row)!),
                e => e.GetString(name) is { } text ? text.Split(separator, StringSplitOptions.RemoveEmptyEntries) : missing(e));
        }

        if (type.IsEnum)
        {
            return ((row, e) => e[name] = get(row)!.ToString(),
                e => Enum.TryParse(type, e.GetString(name), out var value) ? value : missing(e));
        }

        Func<TableEntity, object?> read = type switch
        {
            _ when type == typeof(string) => e => e.GetString(name),
            _ when type == typeof(int) => e => e.GetInt32(name),
            _ when type == typeof(long) => e => e.GetInt64(name),
            _ when type == typeof(double) => e => e.GetDouble(name),
            _ when type == typeof(bool) => e => e.GetBoolean(name),
            _ => throw new NotSupportedException($"{typeof(TRow).Name}.{name} is a {typeof(T).Name}, which a record codec does not store."),
        };
        return ((row, e) => e[name] = get(row), e => read(e) ?? missing(e));
    }

    private static Func<TableEntity, object?> MissingValue(ParameterInfo parameter, NullabilityInfoContext nullability)
    {
        var type = parameter.ParameterType;
        object? value = parameter.HasDefaultValue ? parameter.DefaultValue
            : type == typeof(string) && nullability.Create(parameter).ReadState == NullabilityState.NotNull ? ""
            : type == typeof(IReadOnlyList<string>) ? Array.Empty<string>()
            : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type)
            : null;
        if (value is not null && type.IsEnum)
        {
            value = Enum.ToObject(type, value);
        }

        return _ => value;
    }
}
