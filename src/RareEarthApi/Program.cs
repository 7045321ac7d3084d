using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using RareEarthApi;
using RareEarthApi.Http;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemExceptionMiddleware>();
builder.Services.AddRareEarthApi(builder.Configuration);
builder.Build().Run();
