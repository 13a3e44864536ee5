using System.Text.Json.Serialization;

namespace Fastn.Samples.Acme.OAuth;

/// <summary>A token response (RFC 6749 §5.1), serialized snake_case.</summary>
public sealed record AcmeTokenSet(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    string Scope);
