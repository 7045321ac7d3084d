namespace RareEarthApi.OpenApi;

/// <summary>
/// Describes a tag of the OpenAPI document, once per assembly: declare it in the feature folder that owns the
/// tag (<c>[assembly: ApiTag("Trade", "...")]</c>). A tag without one gets a plain description.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ApiTagAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
