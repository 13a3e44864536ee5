using System.Security.Cryptography;
using System.Text;
using Fastn.Samples.Acme.Api;
using Fastn.Samples.Acme.Contacts;
using Fastn.Samples.Acme.OAuth;
using Fastn.Samples.Acme.Webhooks;
using Fastn.Sandbox.State;
using Fastn.Sandbox.Webhooks;
using Microsoft.Extensions.Options;

namespace Fastn.Samples.Acme;

/// <summary>
/// Everything Acme CRM remembers, thread-safe (issued tokens are also saved, see <see cref="AcmeTokenStore"/>); a singleton tests resolve from DI to seed data,
/// read counters (<see cref="RefreshRequestCount"/>) and inject faults (<see cref="Faults"/>).
/// </summary>
public sealed class AcmeState
{
    public AcmeState(IOptions<AcmeOptions> options, TimeProvider time, WebhookDispatcher dispatcher, SandboxStateStore state)
    {
        Options = options.Value;
        Account = new AcmeAccount("acct_demo", Options.DemoEmail, "Demo User", "Acme Demo Inc.");
        Contacts = new AcmeContactStore(Options, time);
        Tokens = new AcmeTokenStore(Options, time, state);
        Webhooks = new AcmeWebhookRegistry(dispatcher, time);
        Faults = new AcmeFaultInjector();
        RateLimiter = new AcmeRateLimiter(Options, time);
        Contacts.Changed += Webhooks.Publish;
    }

    /// <summary>The options in effect.</summary>
    public AcmeOptions Options { get; }

    /// <summary>The single account; the test user signs in to it and client-credentials tokens act for it.</summary>
    public AcmeAccount Account { get; }

    public AcmeContactStore Contacts { get; }

    public AcmeTokenStore Tokens { get; }

    public AcmeWebhookRegistry Webhooks { get; }

    /// <summary>Test hook: force the next N responses to fail or to be delayed.</summary>
    public AcmeFaultInjector Faults { get; }

    /// <summary>Number of <c>grant_type=refresh_token</c> requests received (successful or not).</summary>
    public int RefreshRequestCount => Tokens.RefreshRequestCount;

    internal AcmeRateLimiter RateLimiter { get; }

    /// <summary>Issues tokens for the demo account without the browser flow (default client, every scope).</summary>
    public AcmeTokenSet IssueTokens(IEnumerable<string>? scopes = null, string? clientId = null) =>
        Tokens.IssueTokens(clientId ?? Options.Clients[0].ClientId, Account.Id, scopes ?? AcmeScopes.All);

    /// <summary>Back to the start-up state: seeded contacts, no tokens, subscriptions, faults or counts.</summary>
    public void Reset()
    {
        Contacts.Reset();
        Tokens.Reset();
        Webhooks.Reset();
        Faults.Reset();
        RateLimiter.Reset();
    }

    internal AcmeAccount? Authenticate(string? email, string? password)
    {
        var emailOk = string.Equals(email?.Trim(), Options.DemoEmail, StringComparison.OrdinalIgnoreCase);
        var passwordOk = CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(password ?? string.Empty), Encoding.UTF8.GetBytes(Options.DemoPassword));
        return emailOk && passwordOk ? Account : null;
    }
}
