using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RareEarthApi.Explorer;
using RareEarthApi.Hosting;

namespace RareEarthApi.OpenApi;

public static class OpenApiServiceCollectionExtensions
{
    /// <summary>The OpenAPI document (generated from the function catalog), the docs page's and the explorer's files.</summary>
    public static IServiceCollection AddOpenApi(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => FunctionCatalog.OfApp());
        services.AddSingleton<OpenApiDocumentProvider>();
        services.AddSingleton<SwaggerUiAssets>();
        services.AddSingleton<ExplorerAssets>();
        return services;
    }
}
