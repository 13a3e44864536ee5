using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>
/// Sends webhooks the way GitHub's Hookshot does: a JSON POST with <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>
/// (a GUID), <c>X-GitHub-Hook-ID</c>, <c>X-Hub-Signature</c> (sha1) and <c>X-Hub-Signature-256</c> (sha256 HMAC of
/// the body, hex) when the hook has a secret. Every attempt is kept in <see cref="Deliveries"/>.
/// </summary>
public sealed class GitHubWebhookSender(IHttpClientFactory httpClientFactory)
{
    /// <summary>The named HTTP client used for deliveries.</summary>
    public const string HttpClientName = "Fastn.Sandbox.GitHub.Webhooks";

    private readonly ConcurrentQueue<GitHubSimDelivery> _deliveries = new();

    /// <summary>Every delivery made so far, oldest first.</summary>
    public IReadOnlyList<GitHubSimDelivery> Deliveries => [.. _deliveries];

    /// <summary>Delivers one event and returns the outcome (never throws for network errors).</summary>
    public async Task<GitHubSimDelivery> DeliverAsync(string url, string? secret, string eventName, JsonObject payload, long? hookId, long? repositoryId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var body = payload.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(body);
        var deliveryId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "GitHub-Hookshot/sandbox");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        if (hookId is { } id)
        {
            request.Headers.Add("X-GitHub-Hook-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (repositoryId is { } repo)
        {
            request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
            request.Headers.Add("X-GitHub-Hook-Installation-Target-ID", repo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(secret))
        {
            var key = Encoding.UTF8.GetBytes(secret);
#pragma warning disable CA5350 // GitHub still sends the legacy SHA-1 signature next to the SHA-256 one.
            request.Headers.Add("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(key, bytes)));
#pragma warning restore CA5350
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, bytes)));
        }

        var action = payload["action"] is JsonValue a && a.TryGetValue<string>(out var text) ? text : null;
        GitHubSimDelivery result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            result = new GitHubSimDelivery(deliveryId, eventName, action, url, (int)response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            result = new GitHubSimDelivery(deliveryId, eventName, action, url, null, ex.Message);
        }
        catch (OperationCanceledException)
        {
            result = new GitHubSimDelivery(deliveryId, eventName, action, url, null, "timed out");
        }

        _deliveries.Enqueue(result);
        return result;
    }
}
