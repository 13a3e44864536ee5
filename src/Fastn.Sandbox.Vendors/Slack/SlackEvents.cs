using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>
/// Delivers Events API requests the way Slack does: JSON POST with <c>X-Slack-Request-Timestamp</c> and
/// <c>X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, "v0:{timestamp}:{body}"))</c>.
/// </summary>
public sealed class SlackEvents(IHttpClientFactory httpClientFactory, SlackWorkspace workspace, TimeProvider time)
{
    /// <summary>The <see cref="IHttpClientFactory"/> client name of deliveries.</summary>
    public const string HttpClientName = "Fastn.Sandbox.Slack.Events";

    /// <summary>Sends Slack's <c>url_verification</c> handshake to <paramref name="url"/>; on an echoed challenge it becomes the request URL.</summary>
    public async Task<SlackDeliveryResult> VerifyRequestUrlAsync(string url, CancellationToken cancellationToken)
    {
        var challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var body = new JsonObject { ["token"] = SlackSandboxApp.VerificationToken, ["challenge"] = challenge, ["type"] = "url_verification" };
        var result = await SendAsync(url, body.ToJsonString(), 0, cancellationToken).ConfigureAwait(false);
        var verified = result.Status == 200 && ChallengeOf(result.Body) == challenge;
        if (verified)
        {
            workspace.RequestUrl = url;
        }

        return result with { Verified = verified };
    }

    /// <summary>Delivers one <c>event_callback</c> wrapping <paramref name="inner"/> to <paramref name="url"/> (or the verified request URL).</summary>
    public async Task<SlackDeliveryResult> DeliverAsync(JsonObject inner, string? url, int retryNum, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var target = url ?? workspace.RequestUrl ?? throw new InvalidOperationException("No url given and no request URL verified.");
        var now = time.GetUtcNow();
        var eventId = "Ev" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        inner.TryAdd("event_ts", SlackWorkspace.Ts(now.ToUnixTimeMilliseconds() * 1000));
        var envelope = new JsonObject
        {
            ["token"] = SlackSandboxApp.VerificationToken,
            ["team_id"] = SlackWorkspace.TeamId,
            ["api_app_id"] = SlackWorkspace.AppId,
            ["event"] = inner,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = now.ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject
            {
                ["enterprise_id"] = null,
                ["team_id"] = SlackWorkspace.TeamId,
                ["user_id"] = SlackWorkspace.BotUserId,
                ["is_bot"] = true,
                ["is_enterprise_install"] = false,
            }),
            ["is_ext_shared_channel"] = false,
            ["event_context"] = "4-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        };
        var result = await SendAsync(target, envelope.ToJsonString(), retryNum, cancellationToken).ConfigureAwait(false);
        return result with { EventId = eventId };
    }

    private async Task<SlackDeliveryResult> SendAsync(string url, string body, int retryNum, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("Slackbot/1.0");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(SlackSandboxApp.SigningSecret, timestamp, body));
        if (retryNum > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        using var http = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return new SlackDeliveryResult((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException ex)
        {
            return new SlackDeliveryResult(0, ex.Message);
        }
    }

    /// <summary>Slack's v0 signature of a body.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    private static string? ChallengeOf(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(trimmed)?["challenge"]?.GetValue<string>();
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        return trimmed.StartsWith("challenge=", StringComparison.Ordinal) ? Uri.UnescapeDataString(trimmed["challenge=".Length..]) : trimmed;
    }
}
