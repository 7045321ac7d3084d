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

    /// <summary>A type with a static Parameters property listing the query parameters.</summary>
    public Type? ParametersFrom { get; set; }

    /// <summary>The route also answers text/csv (format=csv).</summary>
    public bool Csv { get; set; }

    /// <summary>Success status when it is not 200 (e.g. 202).</summary>
    public int SuccessStatus { get; set; } = 200;
}
