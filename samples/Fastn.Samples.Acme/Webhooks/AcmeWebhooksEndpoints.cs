using Fastn.Samples.Acme.Api;
using Fastn.Samples.Acme.Contacts;
using Fastn.Samples.Acme.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Samples.Acme.Webhooks;

/// <summary><c>/api/v1/webhooks</c>: subscribe an endpoint to contact events, list and delete subscriptions.</summary>
internal static class AcmeWebhooksEndpoints
{
    public static void MapAcmeWebhooks(this IEndpointRouteBuilder api)
    {
        var scope = new AcmeRequiredScope(AcmeScopes.ContactsRead);
        var webhooks = api.MapGroup("/webhooks");
        webhooks.MapPost(string.Empty, CreateAsync).WithMetadata(scope);
        webhooks.MapGet(string.Empty, List).WithMetadata(scope);
        webhooks.MapDelete("/{id}", Delete).WithMetadata(scope);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, AcmeState state)
    {
        var (body, error) = await AcmeJsonBody.ReadObjectAsync(request);
        if (body is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string>();
        Uri? url = null;
        if (!AcmeJsonBody.TryGetString(body, "url", 2048, allowNull: false, errors, out var urlText))
        {
            errors["url"] = "is required";
        }
        else if (urlText is not null
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors["url"] = "must be an absolute http or https URL";
        }

        if (!AcmeJsonBody.TryGetStringArray(body, "events", 10, 50, errors, out var events) || events.Count == 0)
        {
            errors.TryAdd("events", $"must list at least one of {string.Join(", ", AcmeContactChange.AllEventTypes)}");
        }
        else if (events.FirstOrDefault(e => !AcmeContactChange.AllEventTypes.Contains(e)) is { } unknown)
        {
            errors["events"] = $"has an unknown event '{unknown}'; known: {string.Join(", ", AcmeContactChange.AllEventTypes)}";
        }

        if (errors.Count > 0)
        {
            return AcmeResults.Validation(errors);
        }

        var subscription = state.Webhooks.Subscribe(url!, events);
        return Results.Json(
            new CreatedSubscription(subscription.Id, subscription.Url.ToString(), subscription.Events, subscription.Secret, subscription.CreatedAt),
            AcmeJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(AcmeState state) =>
        AcmeResults.Json(new
        {
            data = state.Webhooks.Subscriptions.Select(s => new ListedSubscription(s.Id, s.Url.ToString(), s.Events, s.CreatedAt)),
        });

    private static IResult Delete(string id, AcmeState state) =>
        state.Webhooks.Unsubscribe(id) ? Results.NoContent() : AcmeResults.NotFound($"No webhook with id '{id}'.");

    private sealed record CreatedSubscription(string Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

    private sealed record ListedSubscription(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);
}
