using System.Net.Http.Headers;
using System.Text;

namespace Fastn.Connectors.Authentication;

/// <summary>HTTP Basic: <c>Authorization: Basic base64(username:password)</c> (RFC 7617, UTF-8).</summary>
public sealed record BasicAuth : AuthMethod
{
    /// <inheritdoc />
    public override AuthKind Kind => AuthKind.Basic;

    /// <summary>Label of the username field (Stripe-like APIs call it "API key").</summary>
    public string UsernameLabel { get; init; } = "Username";

    /// <summary>Label of the password field.</summary>
    public string PasswordLabel { get; init; } = "Password";

    /// <summary>Whether the password may be empty (APIs that take the key as username only).</summary>
    public bool PasswordOptional { get; init; }

    /// <inheritdoc />
    public override IReadOnlyList<CredentialField> Fields =>
    [
        new("username", UsernameLabel),
        new("password", PasswordLabel) { Secret = true, Required = !PasswordOptional },
    ];

    /// <inheritdoc />
    public override IEnumerable<string> SecretNames => ["password"];

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, AuthCredentials credentials, CancellationToken cancellationToken)
    {
        var user = credentials.Get("username");
        var password = credentials.Find("password") ?? "";
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        return ValueTask.CompletedTask;
    }
}
