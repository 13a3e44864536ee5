using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// Maps Stripe's REST paths and runs each request the way Stripe does: secret key (Bearer or Basic),
/// <c>Request-Id</c> and <c>Stripe-Version</c> headers, form or query parameters in bracket notation,
/// <c>Idempotency-Key</c> replay on POST, 429 with <c>Stripe-Should-Retry</c>, and <c>{"error":{…}}</c> bodies.
/// </summary>
internal static class StripeEndpoints
{
    public static void MapStripeApi(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/v1").DisableAntiforgery();
        v1.MapGet("/balance", Run(StripeOperations.Balance));
        v1.MapGet("/customers", Run(StripeOperations.ListCustomers));
        v1.MapPost("/customers", Run(StripeOperations.CreateCustomer));
        v1.MapGet("/customers/search", Run(StripeOperations.SearchCustomers));
        v1.MapGet("/customers/{customer}", Run(StripeOperations.GetCustomer));
        v1.MapPost("/customers/{customer}", Run(StripeOperations.UpdateCustomer));
        v1.MapDelete("/customers/{customer}", Run(StripeOperations.DeleteCustomer));
        v1.MapPost("/payment_intents", Run(StripeOperations.CreatePaymentIntent));
        v1.MapGet("/payment_intents/{intent}", Run(StripeOperations.GetPaymentIntent));
        v1.MapPost("/payment_intents/{intent}/confirm", Run(StripeOperations.ConfirmPaymentIntent));
        v1.MapGet("/charges", Run(StripeOperations.ListCharges));
        v1.MapPost("/refunds", Run(StripeOperations.CreateRefund));
        v1.MapPost("/invoices", Run(StripeOperations.CreateInvoice));
        v1.MapGet("/invoices/{invoice}", Run(StripeOperations.GetInvoice));
        v1.MapPost("/invoiceitems", Run(StripeOperations.CreateInvoiceItem));
        v1.MapGet("/webhook_endpoints", Run(StripeOperations.ListWebhookEndpoints));
        v1.MapPost("/webhook_endpoints", Run(StripeOperations.CreateWebhookEndpoint));
        v1.MapDelete("/webhook_endpoints/{webhook_endpoint}", Run(StripeOperations.DeleteWebhookEndpoint));
        // Anything else under /v1 is Stripe's 404 for an unknown URL.
        v1.Map("/{**rest}", (HttpContext http) => Write(http, new StripeError(404, "invalid_request_error",
            $"Unrecognized request URL ({http.Request.Method}: {http.Request.Path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.")
            .ToBody(RequestId(http)), 404));
    }

    private static RequestDelegate Run(Func<StripeCall, JsonNode> operation) => async http =>
    {
        var sim = http.RequestServices.GetRequiredService<StripeSimulation>();
        var requestId = RequestId(http);
        http.Response.Headers["Request-Id"] = requestId;
        http.Response.Headers["Stripe-Version"] = http.Request.Headers["Stripe-Version"].FirstOrDefault() ?? StripeSimulation.DefaultApiVersion;

        var key = ApiKey(http.Request);
        if (key is null || !sim.IsValidKey(key))
        {
            var message = key is null
                ? "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/."
                : $"Invalid API Key provided: {Mask(key)}";
            await Write(http, new StripeError(401, "invalid_request_error", message).ToBody(requestId), 401);
            return;
        }

        if (sim.RateLimited(key))
        {
            http.Response.Headers["Stripe-Should-Retry"] = "true";
            await Write(http, new StripeError(429, "invalid_request_error",
                "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.", "rate_limit").ToBody(requestId), 429);
            return;
        }

        var isPost = HttpMethods.IsPost(http.Request.Method);
        var raw = isPost ? await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted) : http.Request.QueryString.Value ?? "";
        var idempotencyKey = isPost ? http.Request.Headers["Idempotency-Key"].FirstOrDefault() : null;
        var scope = idempotencyKey is null ? null : $"{key}|{idempotencyKey}";
        var fingerprint = $"{http.Request.Method} {http.Request.Path} {raw}";
        if (idempotencyKey is not null)
        {
            http.Response.Headers["Idempotency-Key"] = idempotencyKey;
        }

        int status;
        string body;
        try
        {
            if (scope is not null && sim.Replay(scope, fingerprint) is { } replay)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
                await WriteText(http, replay.Body, replay.Status);
                return;
            }

            var parameters = StripeParams.ParseQuery(raw);
            var result = operation(new StripeCall(sim, parameters, http));
            (status, body) = (200, result.ToJsonString());
        }
        catch (StripeError error)
        {
            (status, body) = (error.Status, error.ToBody(requestId).ToJsonString());
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or NullReferenceException or KeyNotFoundException)
        {
            // Stripe's 500 body; the sandbox names the fault so a simulation bug is easy to find.
            (status, body) = (500, new StripeError(500, "api_error", $"An unexpected error occurred in the Stripe sandbox: {ex.GetType().Name}: {ex.Message}").ToBody(requestId).ToJsonString());
        }

        if (scope is not null)
        {
            sim.Remember(scope, fingerprint, status, body);
        }

        await WriteText(http, body, status);
    };

    private static string? ApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null)
        {
            return null;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                return decoded.Split(':', 2)[0];
            }
            catch (FormatException)
            {
                return "";
            }
        }

        return "";
    }

    private static string Mask(string key) =>
        key.Length <= 12 ? "****" : string.Concat(key.AsSpan(0, 8), new string('*', key.Length - 12), key.AsSpan(key.Length - 4));

    private static string RequestId(HttpContext http) =>
        http.Items.TryGetValue("stripe-request-id", out var id) && id is string s ? s : (string)(http.Items["stripe-request-id"] = "req_" + StripeIds.Random(14));

    private static Task Write(HttpContext http, JsonObject body, int status) => WriteText(http, body.ToJsonString(), status);

    private static async Task WriteText(HttpContext http, string body, int status)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        await http.Response.WriteAsync(body, http.RequestAborted);
    }
}
