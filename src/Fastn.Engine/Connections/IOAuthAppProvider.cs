using Fastn.Engine.OAuth;

namespace Fastn.Engine.Connections;

/// <summary>Finds a workspace's OAuth app (client id and decrypted secret) for a connector.</summary>
public interface IOAuthAppProvider
{
    /// <summary>The app's credentials, or <see langword="null"/> when the workspace configured none.</summary>
    Task<OAuthClientCredentials?> GetAsync(string workspaceId, string connector, CancellationToken cancellationToken);
}
