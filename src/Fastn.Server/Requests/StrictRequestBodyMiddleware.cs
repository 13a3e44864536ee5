using System.Globalization;
using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Microsoft.Extensions.Options;

namespace Fastn.Server.Requests;

/// <summary>
/// Reads every request body of the platform's own endpoints once, before model binding: refuses a body over the
/// configured limit (413) and a JSON body that <see cref="StrictJson"/> refuses (400 with the path), then hands the
/// buffered body on. The sandbox under <c>/sandbox</c> plays third-party apps and keeps its own rules.
/// </summary>
public sealed class StrictRequestBodyMiddleware(RequestDelegate next, IOptionsMonitor<RequestLimitsOptions> limits)
{
    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        if (request.Path.StartsWithSegments("/sandbox", StringComparison.OrdinalIgnoreCase)
            || (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any(v => v?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)))
        {
            await next(http).ConfigureAwait(false);
            return;
        }

        var options = limits.CurrentValue;
        var actionInput = http.GetEndpoint()?.Metadata.GetMetadata<ActionInputBody>() is not null;
        // An app's webhook delivery is verified over its exact bytes: only its size is checked here, never its JSON.
        var webhook = request.Path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase);
        var (limit, setting) = webhook ? (options.MaxWebhookBodyBytes, "Fastn:Limits:MaxWebhookBodyBytes")
            : actionInput ? (options.MaxActionInputBytes, "Fastn:Limits:MaxActionInputBytes")
            : (options.MaxRequestBodyBytes, "Fastn:Limits:MaxRequestBodyBytes");
        if (request.ContentLength > limit)
        {
            await TooLarge(http, limit, setting).ConfigureAwait(false);
            return;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                await TooLarge(http, limit, setting).ConfigureAwait(false);
                return;
            }

            buffer.Write(chunk, 0, read);
        }

        if (!webhook && IsJson(request.ContentType) && buffer.Length > 0 && StrictJson.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } problem)
        {
            await Problems.From(problem).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        buffer.Position = 0;
        request.Body = buffer;
        request.ContentLength = buffer.Length;
        http.Response.RegisterForDispose(buffer);
        await next(http).ConfigureAwait(false);
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static Task TooLarge(HttpContext http, long limit, string setting)
    {
        // The rest of the body is not read; the connection may close after this answer.
        var problem = new FastnException("fastn:payload-too-large", ErrorCategory.TooLarge, "Request body too large",
            $"The request body is larger than this endpoint's limit of {limit.ToString(CultureInfo.InvariantCulture)} bytes. Send a smaller body; the server operator sets the limit with {setting}.");
        problem.Extensions["limitBytes"] = limit;
        return Problems.From(problem).ExecuteAsync(http);
    }
}
