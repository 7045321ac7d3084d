using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RareEarthApi.Hosting;

namespace RareEarthApi.OpenApi;

public static class OpenApiServiceCollectionExtensions
{
    /// <summary>The OpenAPI document (generated from the function catalog) and the docs page's files.</summary>
    public static IServiceCollection AddOpenApi(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => FunctionCatalog.OfApp());
        services.AddSingleton<OpenApiDocumentProvider>();
        services.AddSingleton<SwaggerUiAssets>();
        return services;
    }
}
