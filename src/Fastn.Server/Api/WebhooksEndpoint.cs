using Fastn.Connectors.Triggers;
using Fastn.Engine.Errors;
using Fastn.Engine.Triggers;
using Fastn.Server.Errors;
using Fastn.Server.Security;

namespace Fastn.Server.Api;

/// <summary>
/// <c>POST /webhooks/{subscriptionId}</c>: where apps send their deliveries. No API key: the delivery's signature,
/// checked against the subscription's secret, is its credential. The app gets its 2xx only after the events are stored.
/// </summary>
public static class WebhooksEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static WebApplication MapWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(SubscriptionService.WebhookPath + "{subscriptionId}", async (HttpContext http, WebhookIntake intake, string subscriptionId, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(http.Request, ct);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            var request = new WebhookRequest(body, headers, http.Request.Method, PublicUrl(http), query);
            var result = await intake.ReceiveAsync(subscriptionId, request, ct);
            return result.Outcome switch
            {
                WebhookOutcome.Accepted => Results.Ok(new { received = result.EventIds?.Count ?? 0, held = result.Held }),
                WebhookOutcome.Handshake => Results.Content(result.Handshake!.Body, result.Handshake.ContentType, statusCode: result.Handshake.StatusCode),
                WebhookOutcome.Rejected => Problems.From(new FastnException("fastn:webhook-signature-invalid", ErrorCategory.Unauthenticated,
                    "The delivery did not verify", $"{result.Reason} Nothing was stored.")),
                WebhookOutcome.Unreadable => Problems.Validation(result.Reason ?? "The delivery could not be read."),
                _ => Problems.NotFound(result.Reason ?? "No subscription receives webhooks at this URL."),
            };
        }).InSystemScope("webhook intake, authorised by the delivery's signature")
            .WithTags("Webhooks").WithName("ReceiveWebhook").ExcludeFromDescription();
        return app;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        // The strict-body middleware has buffered and size-checked it already.
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, ct);
        return copy.ToArray();
    }

    // The URL the app called, on the public base URL (some apps sign it).
    private static string PublicUrl(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Engine.Hosting.FastnEngineOptions>>().Value;
        return options.PublicBaseUrl.TrimEnd('/') + http.Request.Path + http.Request.QueryString;
    }
}
