using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// The Stripe simulation at <c>/sandbox/stripe</c>: Stripe's REST API under <c>/v1</c> (secret key
/// <see cref="StripeSimulation.DemoSecretKey"/>), signed webhooks, and test hooks under <c>/_sandbox</c>.
/// </summary>
public sealed class StripeSandboxApp : ISandboxApp
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "stripe";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Stripe", "The REST API v1 (customers, payment intents, invoices, …) with Stripe's error bodies and idempotency, signed webhook events.", [new("Secret key", StripeSimulation.DemoSecretKey)]);

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StripeSimulation>();
        services.TryAddSingleton<StripeWebhookSender>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        // Resolving the sender subscribes it to the simulation's events.
        routes.ServiceProvider.GetRequiredService<StripeWebhookSender>();
        routes.MapGet(string.Empty, (HttpContext context, SandboxUrls urls) => Results.Json(new
        {
            name = "Stripe (sandbox)",
            api_base_url = urls.AppBaseUrl(context, AppName) + "/v1",
            secret_key = StripeSimulation.DemoSecretKey,
            api_version = StripeSimulation.DefaultApiVersion,
        }));
        routes.MapStripeApi();

        var control = routes.MapGroup("/_sandbox").DisableAntiforgery();
        control.MapPost("/reset", (StripeSimulation sim) =>
        {
            sim.Reset();
            return Results.NoContent();
        });
        control.MapPost("/rate_limit", (StripeSimulation sim, int? count) =>
        {
            sim.RateLimitNext(count ?? 1);
            return Results.NoContent();
        });
        // Body: {"type":"payment_intent.succeeded","url":"…","secret":"whsec_…","object_id":"pi_…"} → signed delivery to url.
        control.MapPost("/events", async (HttpRequest request, StripeSimulation sim, StripeWebhookSender sender) =>
        {
            var body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject ?? [];
            var type = StripeParams.Str(body, "type");
            var url = StripeParams.Str(body, "url");
            var secret = StripeParams.Str(body, "secret");
            if (type is null || url is null || secret is null)
            {
                return Results.BadRequest(new { error = "type, url and secret are required" });
            }

            try
            {
                var (json, _, eventId) = sim.CreateSignedEvent(type, secret, StripeParams.Str(body, "object_id"));
                var status = await sender.DeliverAsync(url, secret, json, request.HttpContext.RequestAborted);
                return Results.Json(StripeWebhookSender.Describe(eventId, status));
            }
            catch (StripeError error)
            {
                return Results.Json(error.ToBody("req_sandbox"), statusCode: error.Status);
            }
        });
    }
}
