using RareEarthApi.LocalHost;
using RareEarthApi.Tests.OpenApi;

namespace RareEarthApi.Tests.Support;

/// <summary>
/// Every response an integration test receives through <see cref="ApiHost.Client"/> is checked against the host's
/// own OpenAPI document (status documented, JSON bodies valid against their schemas): a response that drifts from
/// the document fails the test that received it.
/// </summary>
internal sealed class ContractCheckingHandler(Uri baseAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ContractValidator? _validator;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var validator = await ValidatorAsync(cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var errors = validator.Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body);
        if (errors.Count > 0)
        {
            throw new ContractViolationException("The response departs from the OpenAPI document:\n" + string.Join("\n", errors) + "\nBody: " + body[..Math.Min(body.Length, 2000)]);
        }

        return response;
    }

    private async Task<ContractValidator> ValidatorAsync(CancellationToken cancellationToken)
    {
        if (_validator is not null)
        {
            return _validator;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_validator is null)
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, LocalHostApp.RoutePrefix + "/openapi/v3.json"));
                using var response = await base.SendAsync(get, cancellationToken);
                response.EnsureSuccessStatusCode();
                _validator = new ContractValidator(await response.Content.ReadAsStringAsync(cancellationToken));
            }

            return _validator;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
