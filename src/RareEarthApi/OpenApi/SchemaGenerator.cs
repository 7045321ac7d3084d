using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using RareEarthApi.Http;

namespace RareEarthApi.OpenApi;

/// <summary>
/// JSON Schemas (OpenAPI 3.1, so JSON Schema 2020-12) of the response types, exported by System.Text.Json's
/// <see cref="JsonSchemaExporter"/> from the API's own compile-time contracts (every JsonSerializerContext of the
/// assembly, with ApiJson's options), so the schema is what the serializer writes. A node transform adds what the
/// exporter leaves out, as ASP.NET Core's OpenAPI schema service does: number formats, [Description],
/// [AllowedValues] and [DataType(Date)], every written property required, and records and classes marked as
/// components, which are then referenced by name.
/// </summary>
internal sealed class SchemaGenerator(OpenApiDocument document, IJsonTypeInfoResolver? contracts = null)
{
    // Markers the transform leaves on a node for the conversion below; never in the document.
    private const string ComponentMark = "x-component";
    private const string TypeMark = "x-clr-type";
    private const string TypeDescriptionMark = "x-type-description";
    private const string PropertyDescriptionMark = "x-description";
    private const string AllowedMark = "x-allowed";
    private const string DateMark = "x-date";
    private const string AnyMark = "x-any";

    private static readonly JsonSerializerOptions ApiContracts = WithResolver(JsonTypeInfoResolver.Combine(
        [.. typeof(ApiJson).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IJsonTypeInfoResolver)Activator.CreateInstance(t)!)]));

    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Transform,
    };

    private readonly JsonSerializerOptions _contracts = contracts is null ? ApiContracts : WithResolver(contracts);
    private readonly Dictionary<string, string> _named = new(StringComparer.Ordinal);

    private IDictionary<string, IOpenApiSchema> Components =>
        (document.Components ??= new OpenApiComponents()).Schemas ??= new SortedDictionary<string, IOpenApiSchema>(StringComparer.Ordinal);

    /// <summary>The schema of a body of this type; a reference when the type is a record or class.</summary>
    public IOpenApiSchema For(Type type)
    {
        var typeInfo = _contracts.GetTypeInfo(type);
        return Convert(JsonSchemaExporter.GetJsonSchemaAsNode(typeInfo, Exporter));
    }

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

    /// <summary>ApiJson's options over <paramref name="resolver"/>: by default every JsonSerializerContext of the API, so a response type in none of them is refused.</summary>
    private static JsonSerializerOptions WithResolver(IJsonTypeInfoResolver resolver)
    {
        var options = ApiJson.Options();
        options.TypeInfoResolver = resolver;
        options.MakeReadOnly();
        return options;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return new JsonObject { [AnyMark] = true };
        }

        if (node is not JsonObject schema)
        {
            return node;
        }

        if (Format(type) is { } format)
        {
            schema["format"] = format;
        }

        if (type == typeof(char))
        {
            schema.Remove("minLength");
            schema.Remove("maxLength");
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && type != typeof(JsonObject))
        {
            schema[ComponentMark] = ComponentName(type);
            schema[TypeMark] = type.FullName;
            if (type.GetCustomAttribute<DescriptionAttribute>() is { } typeDescription)
            {
                schema[TypeDescriptionMark] = typeDescription.Description;
            }

            // Every property the serializer always writes is required; one it may leave out (JsonIgnore WhenWritingNull) is not.
            schema["required"] = new JsonArray(context.TypeInfo.Properties
                .Where(p => Attribute<JsonIgnoreAttribute>(p) is null or { Condition: JsonIgnoreCondition.Never })
                .Select(p => (JsonNode)JsonValue.Create(p.Name))
                .ToArray());
        }

        if (type.IsEnum && !schema.ContainsKey("type"))
        {
            schema["type"] = "string";
            SetNullable(schema, type != context.TypeInfo.Type);
        }

        if (context.PropertyInfo is { } property)
        {
            DeclaredNullability(schema, property);
            if (Attribute<DescriptionAttribute>(property) is { } description)
            {
                schema[PropertyDescriptionMark] = description.Description;
            }

            if (Attribute<AllowedValuesAttribute>(property) is { } allowed)
            {
                schema[AllowedMark] = new JsonArray(allowed.Values.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v.ToString())!).ToArray());
            }

            // A date the wire writes as a yyyy-MM-dd string: [DataType(DataType.Date)] says so.
            if (Attribute<DataTypeAttribute>(property) is { DataType: DataType.Date })
            {
                schema[DateMark] = true;
            }
        }

        return schema;
    }

    /// <summary>
    /// Reference types' nullability as the getter declares it (what the serializer writes), for the property and for
    /// the items or values of a list or dictionary, which the exporter cannot see. A generic parameter (Envelope&lt;T&gt;'s
    /// T) reads as nullable when unconstrained; the wire types never mean it so.
    /// </summary>
    private static void DeclaredNullability(JsonObject schema, JsonPropertyInfo property)
    {
        if (property.AttributeProvider is not PropertyInfo member)
        {
            return;
        }

        // On a constructed generic type (Envelope<T>.Data) read the definition, where T is T and not the type argument.
        if (member.DeclaringType is { IsConstructedGenericType: true } declaring
            && declaring.GetGenericTypeDefinition().GetProperty(member.Name, BindingFlags.Public | BindingFlags.Instance) is { } open)
        {
            member = open;
        }

        var info = new NullabilityInfoContext().Create(member);
        if (!property.PropertyType.IsValueType)
        {
            SetNullable(schema, IsNullable(info));
        }

        var element = info.ElementType ?? (info.GenericTypeArguments is [var only] ? only : null);
        if (schema["items"] is JsonObject items && element is { Type.IsValueType: false } && !items.ContainsKey(AnyMark))
        {
            SetNullable(items, IsNullable(element));
        }

        if (schema["additionalProperties"] is JsonObject values && info.GenericTypeArguments is [_, { Type.IsValueType: false } value] && !values.ContainsKey(AnyMark))
        {
            SetNullable(values, IsNullable(value));
        }
    }

    private static bool IsNullable(NullabilityInfo info) => info is { ReadState: NullabilityState.Nullable, Type.IsGenericParameter: false };

    /// <summary>Adds "null" to a schema's type, or takes it out.</summary>
    private static void SetNullable(JsonObject schema, bool nullable)
    {
        var names = schema["type"] switch
        {
            JsonArray array => array.Select(n => (string)n!).ToList(),
            JsonValue one => [(string)one!],
            // A recursive type's reference to itself ($ref, no type) is still an object.
            _ when schema.ContainsKey(ComponentMark) => ["object"],
            _ => null,
        };
        if (names is null)
        {
            return;
        }

        names.Remove("null");
        if (nullable)
        {
            names.Add("null");
        }

        schema["type"] = names.Count == 1 ? names[0] : new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
    }

    /// <summary>An attribute on the property, else on the constructor parameter it is bound to (a record's positional parameter).</summary>
    private static T? Attribute<T>(JsonPropertyInfo property) where T : Attribute =>
        property.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault()
        ?? property.AssociatedParameter?.AttributeProvider?.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();

    private static string? Format(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) => "int32",
        _ when type == typeof(long) || type == typeof(uint) || type == typeof(ulong) => "int64",
        _ when type == typeof(double) => "double",
        _ when type == typeof(float) => "float",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "date-time",
        _ when type == typeof(DateOnly) => "date",
        _ when type == typeof(TimeOnly) => "time",
        _ when type == typeof(TimeSpan) => "duration",
        _ when type == typeof(Guid) => "uuid",
        _ when type == typeof(Uri) => "uri-reference",
        _ => null,
    };

    /// <summary>An exported node as an OpenAPI schema: a marked component becomes a reference (anyOf with null when nullable), described beside the $ref.</summary>
    private IOpenApiSchema Convert(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            throw new InvalidOperationException($"Unexpected schema node '{node?.ToJsonString()}' from the JSON schema exporter.");
        }

        if (json.ContainsKey(AnyMark))
        {
            return new OpenApiSchema();
        }

        var type = Types(json["type"]);
        var description = (string?)json[PropertyDescriptionMark];
        var nullable = type is { } t && t.HasFlag(JsonSchemaType.Null);
        if ((string?)json[ComponentMark] is { } name)
        {
            Register(name, json);
            IOpenApiSchema reference = new OpenApiSchemaReference(name, document);
            if (nullable)
            {
                reference = new OpenApiSchema { AnyOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] };
            }

            // A reference: describe it beside the $ref (allowed in 3.1).
            return description is null ? reference : new OpenApiSchema { AllOf = [reference], Description = description };
        }

        var schema = Inline(json, type);
        schema.Description = description ?? schema.Description;
        if (json[AllowedMark] is JsonArray allowed)
        {
            var values = allowed.Select(v => v?.DeepClone()).ToList();
            if (nullable && !values.Contains(null))
            {
                values.Add(null);
            }

            schema.Enum = values!;
        }

        if (json.ContainsKey(DateMark))
        {
            schema.Format = "date";
        }

        return schema;
    }

    private void Register(string name, JsonObject json)
    {
        var clrType = (string)json[TypeMark]!;
        if (_named.TryGetValue(name, out var known))
        {
            if (known != clrType)
            {
                throw new InvalidOperationException($"Two response types would share the OpenAPI schema name '{name}': {known} and {clrType}. Rename one.");
            }

            return;
        }

        _named[name] = clrType;
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new SortedSet<string>(StringComparer.Ordinal),
            Description = (string?)json[TypeDescriptionMark],
        };
        Components[name] = schema;
        foreach (var (property, value) in json["properties"]?.AsObject() ?? [])
        {
            schema.Properties[property] = Convert(value);
        }

        foreach (var required in json["required"]?.AsArray() ?? [])
        {
            schema.Required.Add((string)required!);
        }
    }

    private OpenApiSchema Inline(JsonObject json, JsonSchemaType? type)
    {
        var schema = new OpenApiSchema { Type = type, Format = (string?)json["format"] };
        foreach (var (keyword, value) in json)
        {
            switch (keyword)
            {
                // An optional constructor parameter's default: the serializer writes every property, so it is no default of the wire.
                case "type" or "format" or "default" or TypeMark or PropertyDescriptionMark or AllowedMark or DateMark:
                    break;
                case "items":
                    schema.Items = Convert(value);
                    break;
                case "additionalProperties":
                    schema.AdditionalProperties = Convert(value);
                    break;
                case "enum":
                    schema.Enum = value!.AsArray().Select(v => v?.DeepClone()).ToList()!;
                    break;
                case "description":
                    schema.Description = (string?)value;
                    break;
                default:
                    throw new InvalidOperationException($"The JSON schema exporter wrote '{keyword}', which the OpenAPI conversion does not know: {json.ToJsonString()}");
            }
        }

        return schema;
    }

    private static JsonSchemaType? Types(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var names = node is JsonArray array ? array.Select(n => (string)n!) : [(string)node!];
        JsonSchemaType result = 0;
        foreach (var name in names)
        {
            result |= name switch
            {
                "string" => JsonSchemaType.String,
                "integer" => JsonSchemaType.Integer,
                "number" => JsonSchemaType.Number,
                "boolean" => JsonSchemaType.Boolean,
                "object" => JsonSchemaType.Object,
                "array" => JsonSchemaType.Array,
                "null" => JsonSchemaType.Null,
                _ => throw new InvalidOperationException($"Unknown JSON schema type '{name}'."),
            };
        }

        return result;
    }

}
