namespace Fastn.Sandbox;

/// <summary>What the sandbox index (<c>/sandbox</c>) shows for one app: its name, what it simulates and how to sign in.</summary>
/// <param name="DisplayName">The app's human name, e.g. <c>Stripe</c>.</param>
/// <param name="Summary">One sentence: what the simulation covers.</param>
/// <param name="TestCredentials">Test logins, keys and client ids that the simulation accepts (never real secrets).</param>
public sealed record SandboxAppInfo(string DisplayName, string Summary, IReadOnlyList<SandboxCredential> TestCredentials);
