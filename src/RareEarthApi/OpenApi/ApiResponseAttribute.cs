namespace RareEarthApi.OpenApi;

/// <summary>
/// A response an operation answers besides the ones the OpenAPI generator documents by itself (success, 400 when
/// it reads parameters, 404, 500, 503, 401/409 for admin routes); or a different body for one of those statuses
/// (GET /api/health answers 503 with its own report, not a problem).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ApiResponseAttribute(int status, string description) : Attribute
{
    public int Status { get; } = status;

    public string Description { get; } = description;

    /// <summary>The JSON body's C# type; null for a problem+json body (4xx/5xx) or no body.</summary>
    public Type? ResponseType { get; set; }

    /// <summary>The response carries Retry-After.</summary>
    public bool RetryAfter { get; set; }
}
