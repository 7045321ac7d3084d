using Microsoft.Extensions.DependencyInjection;

namespace RareEarthApi.Http;

internal static class ResponseCacheServiceCollectionExtensions
{
    /// <summary>The in-memory cache of finished dataset responses (ResponseCache:MaxMegabytes, 0 turns it off), and the dataset routes' one path through it.</summary>
    public static IServiceCollection AddResponseCache(this IServiceCollection services)
    {
        services.AddOptions<ResponseCacheOptions>().BindConfiguration(ResponseCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<DatasetEndpoint>();
        return services;
    }
}
