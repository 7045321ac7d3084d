using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RareEarthApi;
using RareEarthApi.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemExceptionMiddleware>();
// The worker's own logs and dependency calls go to the Application Insights the templates create
// (APPLICATIONINSIGHTS_CONNECTION_STRING); without the connection string nothing is sent.
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Services.Configure<TelemetryConfiguration>(telemetry =>
{
    // The resource takes Entra tokens only (local auth off): the worker signs in as the app's user-assigned identity.
    if (builder.Configuration["Storage:ClientId"] is { Length: > 0 } clientId)
    {
        telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
    }
});
builder.Services.AddRareEarthApi(builder.Configuration);
builder.Build().Run();
