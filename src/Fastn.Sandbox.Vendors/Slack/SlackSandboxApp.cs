using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>
/// Slack, simulated at <c>/sandbox/slack</c>: the OAuth v2 consent page and <c>oauth.v2.access</c>, the Web API methods the Slack
/// connector calls (<c>/api/chat.postMessage</c>…) over a generated workspace, and Events API deliveries signed with the signing secret.
/// Test hooks under <c>/_sandbox</c>: verify an Events request URL, deliver an event, force rate limits, expire tokens.
/// </summary>
public sealed class SlackSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "slack";

    /// <summary>The Slack app's signing secret (Events API signatures).</summary>
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    /// <summary>The deprecated verification token Slack still puts in event payloads.</summary>
    public const string VerificationToken = "Jhj5dZrVaK7ZwHHjRyZWjbDl";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Slack", "OAuth v2 consent page, the Web API methods the connector calls over a generated workspace, signed Events API deliveries.", [new("OAuth client id", ClientId), new("OAuth client secret", ClientSecret), new("Signing secret", SigningSecret)]);

    /// <inheritdoc />
    public string Connector => "slack";

    /// <inheritdoc />
    public string ClientId => "4815162342.1123581321";

    /// <inheritdoc />
    public string ClientSecret => "slack-sandbox-client-secret";

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackWorkspace>();
        services.TryAddSingleton<SlackEvents>();
        services.TryAddSingleton(this);
        services.AddHttpClient(SlackEvents.HttpClientName);
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(string.Empty, () => Results.Json(new
        {
            name = "Slack (sandbox)",
            team = SlackWorkspace.TeamName,
            api_base_url = "api",
            authorization_url = "oauth/v2/authorize",
            token_url = "api/oauth.v2.access",
            signing_secret = SigningSecret,
        }));
        routes.MapSlackOAuth();
        routes.MapSlackWebApi();

        var control = routes.MapGroup("/_sandbox").DisableAntiforgery();
        control.MapPost("/events/request-url", async (JsonObject body, SlackEvents events, CancellationToken ct) =>
        {
            var url = body["url"]?.GetValue<string>();
            if (string.IsNullOrEmpty(url))
            {
                return Results.BadRequest(new { error = "url is required" });
            }

            var result = await events.VerifyRequestUrlAsync(url, ct).ConfigureAwait(false);
            return Results.Json(new { verified = result.Verified, status = result.Status, body = result.Body });
        });
        control.MapPost("/events", async (JsonObject body, SlackEvents events, SlackWorkspace workspace, CancellationToken ct) =>
        {
            var url = body["url"]?.GetValue<string>();
            if (url is null && workspace.RequestUrl is null)
            {
                return Results.BadRequest(new { error = "Give url, or verify a request URL first." });
            }

            var inner = body["event"] as JsonObject ?? new JsonObject
            {
                ["type"] = "message",
                ["channel"] = workspace.Read(w => w.Channels[0].Id),
                ["user"] = workspace.Read(w => w.Users[0].Id),
                ["text"] = "Hello from the Slack sandbox",
                ["ts"] = workspace.Read(w => w.NextTs()),
                ["channel_type"] = "channel",
            };
            var retry = body["retry_num"]?.GetValue<int>() ?? 0;
            var result = await events.DeliverAsync((JsonObject)inner.DeepClone(), url, retry, ct).ConfigureAwait(false);
            return Results.Json(new { event_id = result.EventId, status = result.Status, body = result.Body });
        });
        control.MapPost("/rate-limit", (JsonObject body, SlackWorkspace workspace) =>
        {
            var method = body["method"]?.GetValue<string>() ?? "";
            workspace.ForceRateLimit(method, body["count"]?.GetValue<int>() ?? 1);
            return Results.Json(new { ok = true });
        });
        control.MapPost("/tokens/expire", (SlackWorkspace workspace) => Results.Json(new { expired = workspace.ExpireAllTokens() }));
        control.MapGet("/state", (SlackWorkspace workspace) => Results.Json(workspace.Read(w => new
        {
            team_id = SlackWorkspace.TeamId,
            users = w.Users.Count,
            channels = w.Channels.Select(c => new { id = c.Id, name = c.Name, messages = c.Messages.Count, bot_is_member = c.Members.Contains(SlackWorkspace.BotUserId) }),
            request_url = w.RequestUrl,
        })));
    }
}
