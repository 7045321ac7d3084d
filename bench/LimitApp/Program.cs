// The limit for the serving benchmark: the same body bytes as the API's answer, read once into a buffer at start
// and written to every request with no routing, no parsing and no middleware.
// Usage: dotnet LimitApp.dll --urls http://127.0.0.1:7078 --body response.bin [--contentType "application/json; charset=utf-8"]
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var body = File.ReadAllBytes(app.Configuration["body"] ?? throw new InvalidOperationException("--body FILE is required"));
var contentType = app.Configuration["contentType"] ?? "application/json; charset=utf-8";

app.Run(context =>
{
    var response = context.Response;
    response.StatusCode = StatusCodes.Status200OK;
    response.ContentType = contentType;
    response.ContentLength = body.Length;
    return response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
});

app.Run();
