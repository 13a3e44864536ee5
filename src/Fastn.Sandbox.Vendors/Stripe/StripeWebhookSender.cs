using System.Text;
using System.Text.Json.Nodes;
using Fastn.Sandbox.Webhooks;
using Microsoft.Extensions.Logging;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>
/// Posts events to the registered webhook endpoints the way Stripe does: the event JSON as body and
/// <c>Stripe-Signature: t=…,v1=…</c> signed with the endpoint's secret, retried a few times on failure.
/// </summary>
public sealed class StripeWebhookSender
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<StripeWebhookSender> _logger;

    /// <summary>Creates the sender and starts delivering the simulation's events.</summary>
    public StripeWebhookSender(StripeSimulation simulation, IHttpClientFactory clients, TimeProvider time, ILogger<StripeWebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _clients = clients;
        _time = time;
        _logger = logger;
        simulation.EventCreated += (evt, targets) =>
        {
            foreach (var (url, secret) in targets)
            {
                _ = DeliverWithRetriesAsync(url, secret, evt.ToJsonString(), evt["type"]!.GetValue<string>());
            }
        };
    }

    /// <summary>POSTs one signed delivery and returns the receiver's status code (0 when it could not be reached).</summary>
    public async Task<int> DeliverAsync(string url, string secret, string body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSimulation.Sign(secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        try
        {
            using var response = await _clients.CreateClient(WebhookDispatcher.HttpClientName).SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning("Stripe sandbox webhook to {Url} failed: {Error}", url, ex.Message);
            return 0;
        }
    }

    private async Task DeliverWithRetriesAsync(string url, string secret, string body, string type)
    {
        for (var attempt = 0; ; attempt++)
        {
            var status = await DeliverAsync(url, secret, body);
            if (status is >= 200 and < 300 || attempt >= RetryDelays.Length)
            {
                _logger.LogInformation("Stripe sandbox delivered {Type} to {Url}: {Status}", type, url, status);
                return;
            }

            await Task.Delay(RetryDelays[attempt], _time);
        }
    }

    internal static JsonObject Describe(string eventId, int status) => new() { ["event"] = eventId, ["status"] = status };
}
