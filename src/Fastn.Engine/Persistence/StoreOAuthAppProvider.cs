using Fastn.Storage;
using Fastn.Engine.Connections;
using Fastn.Engine.OAuth;
using Fastn.Engine.Vault;
using Fastn.Storage.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Persistence;

/// <summary>Reads a workspace's OAuth app from the store and decrypts its secret.</summary>
internal sealed class StoreOAuthAppProvider(IServiceScopeFactory scopes, CredentialVault vault) : IOAuthAppProvider
{
    /// <summary>The stored override: scopes separated by spaces or commas (either is accepted); empty means none.</summary>
    private static string[]? ParseScopes(string? text)
    {
        var parsed = text?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parsed is { Length: > 0 } ? parsed : null;
    }

    /// <inheritdoc />
    public async Task<OAuthClientCredentials?> GetAsync(string workspaceId, string connector, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateSystemScope("reads the OAuth app of the workspace the engine names");
        var app = await scope.ServiceProvider.GetRequiredService<OAuthAppStore>().GetAsync(workspaceId, connector, cancellationToken).ConfigureAwait(false);
        return app is null ? null : new OAuthClientCredentials(app.ClientId, vault.UnprotectValue(app.ClientSecretProtected)) { Scopes = ParseScopes(app.Scopes) };
    }
}
