using Fastn.Server.Security;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/vault</c>: the credential vault's key ring (admin keys only).</summary>
public static class VaultApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapVaultApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/vault").WithTags("Vault").RequireAuthorization(FastnPolicies.Admin);
        group.MapGet("/keys", (IKeyManager keys) =>
        {
            return Results.Ok(keys.GetAllKeys().OrderByDescending(k => k.ActivationDate).Select(k => new
            {
                id = k.KeyId,
                createdAt = k.CreationDate,
                activatesAt = k.ActivationDate,
                expiresAt = k.ExpirationDate,
                revoked = k.IsRevoked,
            }));
        }).WithName("ListVaultKeys").WithSummary("List the vault's encryption keys (ids and dates only)");

        group.MapPost("/rotate", (IKeyManager keys, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            // New secrets are encrypted with the new key at once; older keys stay to decrypt what they protected.
            var key = keys.CreateNewKey(now, now.AddDays(90));
            return Results.Ok(new { id = key.KeyId, activatesAt = key.ActivationDate, expiresAt = key.ExpirationDate });
        }).WithName("RotateVaultKey").WithSummary("Create and activate a new vault key now; existing secrets stay readable");
        return api;
    }
}
