using Fastn.Server.Security;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/vault</c>: the credential vault's key ring (admin keys only).</summary>
public static class VaultApi
{
    /// <summary>One key of the vault's key ring: ids and dates, never key material.</summary>
    /// <param name="Id">The key id.</param>
    /// <param name="CreatedAt">When it was created.</param>
    /// <param name="ActivatesAt">From when new secrets are encrypted with it.</param>
    /// <param name="ExpiresAt">When it stops encrypting new secrets (it still decrypts what it protected).</param>
    /// <param name="Revoked">Whether it was revoked.</param>
    public sealed record VaultKey(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt, DateTimeOffset ExpiresAt, bool Revoked);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapVaultApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/vault").WithTags("Vault").RequireAuthorization(FastnPolicies.Admin);
        group.MapGet("/keys", (IKeyManager keys) =>
        {
            return TypedResults.Ok(keys.GetAllKeys().OrderByDescending(k => k.ActivationDate).Select(View).ToList());
        }).WithName("ListVaultKeys").WithSummary("List the vault's encryption keys (ids and dates only)");

        group.MapPost("/rotate", (IKeyManager keys, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            // New secrets are encrypted with the new key at once; older keys stay to decrypt what they protected.
            var key = keys.CreateNewKey(now, now.AddDays(90));
            return TypedResults.Ok(View(key));
        }).WithName("RotateVaultKey").WithSummary("Create and activate a new vault key now; existing secrets stay readable");
        return api;
    }

    // The rotate answer is the same view as the list's (it used to leave out createdAt and revoked).
    private static VaultKey View(IKey k) => new(k.KeyId, k.CreationDate, k.ActivationDate, k.ExpirationDate, k.IsRevoked);
}
