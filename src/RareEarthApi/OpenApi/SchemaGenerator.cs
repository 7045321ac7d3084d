using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace RareEarthApi.OpenApi;

/// <summary>
/// JSON Schemas (OpenAPI 3.1, so JSON Schema 2020-12) for C# response types, as System.Text.Json writes them with
/// the API's options: camelCase names, every property present (nulls written), nullable types as type arrays with
/// "null", enums as strings. Records and classes become components referenced by name.
/// </summary>
internal sealed class SchemaGenerator(OpenApiDocument document)
{
    private readonly Dictionary<string, Type> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _names = [];
    private readonly NullabilityInfoContext _nullability = new();

    private IDictionary<string, IOpenApiSchema> Components =>
        (document.Components ??= new OpenApiComponents()).Schemas ??= new SortedDictionary<string, IOpenApiSchema>(StringComparer.Ordinal);

    /// <summary>The schema of a body of this type; a reference when the type is a record or class.</summary>
    public IOpenApiSchema For(Type type) => For(type, null, nullable: false);

    /// <summary>The component name a record or class is published under.</summary>
    public static string ComponentName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "Of" + string.Concat(type.GetGenericArguments().Select(ComponentName));
    }

    private IOpenApiSchema For(Type type, NullabilityInfo? info, bool nullable)
    {
        if (info is { Type.IsGenericParameter: true })
        {
            info = null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return For(underlying, null, nullable: true);
        }

        if (Primitive(type) is { } primitive)
        {
            return WithNull(primitive, nullable);
        }

        if (type.IsEnum)
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            // A nullable enum lists null among its values too: JSON Schema's enum is checked beside type.
            var values = names.Select(n => (JsonNode?)JsonValue.Create(n)).ToList();
            if (nullable)
            {
                values.Add(null);
            }

            return WithNull(new OpenApiSchema { Type = JsonSchemaType.String, Enum = values! }, nullable);
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            var valueInfo = info?.GenericTypeArguments is { Length: 2 } args ? args[1] : null;
            return WithNull(new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = For(valueType, valueInfo, IsNullable(valueType, valueInfo)) }, nullable);
        }

        if (ElementType(type) is { } elementType)
        {
            var elementInfo = info?.ElementType ?? (info?.GenericTypeArguments is { Length: 1 } args ? args[0] : null);
            return WithNull(new OpenApiSchema { Type = JsonSchemaType.Array, Items = For(elementType, elementInfo, IsNullable(elementType, elementInfo)) }, nullable);
        }

        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return new OpenApiSchema();
        }

        if (type == typeof(JsonObject))
        {
            return WithNull(new OpenApiSchema { Type = JsonSchemaType.Object }, nullable);
        }

        var reference = new OpenApiSchemaReference(Register(type), document);
        return nullable ? new OpenApiSchema { AnyOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] } : reference;
    }

    private string Register(Type type)
    {
        if (_names.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = ComponentName(type);
        if (_named.TryGetValue(name, out var other))
        {
            throw new InvalidOperationException($"Two response types would share the OpenAPI schema name '{name}': {other.FullName} and {type.FullName}. Rename one.");
        }

        _named[name] = type;
        _names[type] = name;
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new SortedSet<string>(StringComparer.Ordinal),
        };
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } typeDescription)
        {
            schema.Description = typeDescription.Description;
        }

        Components[name] = schema;
        var constructorParameters = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .GroupBy(p => p.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }

            var ignore = property.GetCustomAttribute<JsonIgnoreAttribute>();
            if (ignore is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            constructorParameters.TryGetValue(property.Name, out var parameter);
            var info = NullabilityOf(type, property);
            var nullable = IsNullable(property.PropertyType, info);
            var propertySchema = For(property.PropertyType, info, nullable);
            var allowed = property.GetCustomAttribute<AllowedValuesAttribute>() ?? parameter?.GetCustomAttribute<AllowedValuesAttribute>();
            var description = (property.GetCustomAttribute<DescriptionAttribute>() ?? parameter?.GetCustomAttribute<DescriptionAttribute>())?.Description;
            if (allowed is not null || description is not null)
            {
                propertySchema = Annotated(propertySchema, description, allowed, nullable);
            }

            // A date the wire writes as a yyyy-MM-dd string: [DataType(DataType.Date)] says so.
            if ((property.GetCustomAttribute<DataTypeAttribute>() ?? parameter?.GetCustomAttribute<DataTypeAttribute>()) is { DataType: DataType.Date }
                && propertySchema is OpenApiSchema dated)
            {
                dated.Format = "date";
            }

            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            schema.Properties[jsonName] = propertySchema;
            if (ignore is null or { Condition: JsonIgnoreCondition.Never })
            {
                schema.Required.Add(jsonName);
            }
        }

        return name;
    }

    private static IOpenApiSchema Annotated(IOpenApiSchema schema, string? description, AllowedValuesAttribute? allowed, bool nullable)
    {
        if (schema is not OpenApiSchema inline)
        {
            // A reference: describe it beside the $ref (allowed in 3.1).
            return new OpenApiSchema { AllOf = [schema], Description = description };
        }

        inline.Description = description ?? inline.Description;
        if (allowed is not null)
        {
            var values = allowed.Values.Select(v => v is null ? null : JsonValue.Create(v.ToString())).Cast<JsonNode?>().ToList();
            if (nullable && !values.Contains(null))
            {
                values.Add(null);
            }

            inline.Enum = values!;
        }

        return inline;
    }

    /// <summary>
    /// Nullability as declared: for a property of a constructed generic type (Envelope&lt;T&gt;.Data), read it
    /// on the generic definition, where T is T and not the type argument (whose own annotations are unknown there).
    /// </summary>
    private NullabilityInfo NullabilityOf(Type type, PropertyInfo property)
    {
        if (type.IsConstructedGenericType && type.GetGenericTypeDefinition().GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance) is { } open)
        {
            return _nullability.Create(open);
        }

        return _nullability.Create(property);
    }

    // A generic parameter (Envelope<T>'s T) reads as nullable when unconstrained; the wire types never mean it so.
    private static bool IsNullable(Type type, NullabilityInfo? info) =>
        Nullable.GetUnderlyingType(type) is not null
        || (!type.IsValueType && info is { ReadState: NullabilityState.Nullable } && !info.Type.IsGenericParameter);

    private static OpenApiSchema WithNull(OpenApiSchema schema, bool nullable)
    {
        if (nullable)
        {
            schema.Type = (schema.Type ?? 0) | JsonSchemaType.Null;
        }

        return schema;
    }

    private static OpenApiSchema? Primitive(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(char) => new() { Type = JsonSchemaType.String },
        _ when type == typeof(bool) => new() { Type = JsonSchemaType.Boolean },
        _ when type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) =>
            new() { Type = JsonSchemaType.Integer, Format = "int32" },
        _ when type == typeof(long) || type == typeof(uint) || type == typeof(ulong) => new() { Type = JsonSchemaType.Integer, Format = "int64" },
        _ when type == typeof(double) => new() { Type = JsonSchemaType.Number, Format = "double" },
        _ when type == typeof(float) => new() { Type = JsonSchemaType.Number, Format = "float" },
        _ when type == typeof(decimal) => new() { Type = JsonSchemaType.Number },
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => new() { Type = JsonSchemaType.String, Format = "date-time" },
        _ when type == typeof(DateOnly) => new() { Type = JsonSchemaType.String, Format = "date" },
        _ when type == typeof(TimeOnly) => new() { Type = JsonSchemaType.String, Format = "time" },
        _ when type == typeof(TimeSpan) => new() { Type = JsonSchemaType.String, Format = "duration" },
        _ when type == typeof(Guid) => new() { Type = JsonSchemaType.String, Format = "uuid" },
        _ when type == typeof(Uri) => new() { Type = JsonSchemaType.String, Format = "uri-reference" },
        _ => null,
    };

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Append(type))
        {
            if (candidate.IsGenericType
                && (candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>))
                && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }
}
