namespace RareEarthApi.OpenApi;

/// <summary>
/// The one declaration of an HTTP function for the OpenAPI document: tag, summary, description, the type its 200
/// body is, and where its query parameters are declared (a type with a static
/// <c>IReadOnlyList&lt;ParameterSpec&gt; Parameters</c>). Route and methods come from [HttpTrigger]; every HTTP
/// function must carry this attribute (a test fails otherwise).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ApiOperationAttribute(string tag, string summary) : Attribute
{
    public string Tag { get; } = tag;

    public string Summary { get; } = summary;

    public string? Description { get; set; }

    /// <summary>The C# type of the 200 (or 202) JSON body; its schema is generated from the type.</summary>
    public Type? ResponseType { get; set; }

    /// <summary>
    /// A type with a static Parameters property listing the query parameters (read with QueryReader, so the route
    /// answers 400 for unknown or malformed ones), and/or a static PathParameters property describing the
    /// {segments} of the route.
    /// </summary>
    public Type? ParametersFrom { get; set; }

    /// <summary>The route also answers text/csv (format=csv).</summary>
    public bool Csv { get; set; }

    /// <summary>Success status when it is not 200 (e.g. 202).</summary>
    public int SuccessStatus { get; set; } = 200;

    /// <summary>
    /// Media type(s) of the success body when it is not JSON from ResponseType, comma-separated
    /// (text/html, application/yaml).
    /// </summary>
    public string? ContentType { get; set; }

    /// <summary>Media type(s) of the request body, comma-separated (text/csv); none when the route reads no body.</summary>
    public string? RequestBody { get; set; }

    /// <summary>What the request body is (shown beside RequestBody).</summary>
    public string? RequestBodyDescription { get; set; }

    /// <summary>The route reads the data store, so it can answer 503 with Retry-After. False for static documents.</summary>
    public bool Storage { get; set; } = true;
}
