using System.Text.Json.Nodes;
using Fastn.Samples.Acme.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Samples.Acme.Control;

/// <summary>
/// Sandbox-only test hooks under <c>/_sandbox</c> (no auth; a real Acme has nothing like it): inject faults,
/// read counters, reset state. For out-of-process tests; in-process tests use <see cref="AcmeState"/>.
/// </summary>
internal static class AcmeControlEndpoints
{
    public static void MapAcmeControl(this IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sandbox").DisableAntiforgery();
        control.MapPost("/faults", InjectAsync);
        control.MapDelete("/faults", (AcmeState state) =>
        {
            state.Faults.Reset();
            return Results.NoContent();
        });
        control.MapGet("/state", (AcmeState state) => AcmeResults.Json(new
        {
            refresh_requests = state.Tokens.RefreshRequestCount,
            successful_refreshes = state.Tokens.SuccessfulRefreshCount,
            token_requests = state.Tokens.TokenRequestCount,
            contacts = state.Contacts.Count,
            webhooks = state.Webhooks.Subscriptions.Count,
            pending_faults = new
            {
                api = state.Faults.Pending(AcmeFaultTarget.Api),
                token = state.Faults.Pending(AcmeFaultTarget.Token),
            },
        }));
        control.MapPost("/reset", (AcmeState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    /// <summary>Body: <c>{"count": 2, "status": 503, "delay_ms": 0, "retry_after": 1, "target": "api"|"token"}</c>.</summary>
    private static async Task<IResult> InjectAsync(HttpRequest request, AcmeState state)
    {
        var (body, error) = await AcmeJsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string>();
        var count = ReadInt(body, "count", 1, 1, 1000, errors);
        var status = body.ContainsKey("status") ? ReadInt(body, "status", 503, 400, 599, errors) : (int?)null;
        var delayMs = ReadInt(body, "delay_ms", 0, 0, 600_000, errors);
        var retryAfter = body.ContainsKey("retry_after") ? ReadInt(body, "retry_after", 1, 0, 3600, errors) : (int?)null;
        AcmeJsonBody.TryGetString(body, "target", 10, allowNull: true, errors, out var targetText);
        var target = AcmeFaultTarget.Api;
        if (targetText is not null && !Enum.TryParse(targetText, ignoreCase: true, out target))
        {
            errors["target"] = "must be 'api' or 'token'";
        }

        if (status is null && delayMs == 0)
        {
            errors.TryAdd("status", "give a status, a delay_ms, or both");
        }

        if (errors.Count > 0)
        {
            return AcmeResults.Validation(errors);
        }

        state.Faults.Inject(
            count,
            new AcmeFault(status, TimeSpan.FromMilliseconds(delayMs), retryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
            target);
        return AcmeResults.Json(new { pending = state.Faults.Pending(target) });
    }

    private static int ReadInt(JsonObject body, string field, int fallback, int min, int max, Dictionary<string, string> errors)
    {
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors[field] = $"must be an integer from {min} to {max}";
        return fallback;
    }
}
