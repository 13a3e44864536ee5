using Fastn.Storage;
using Fastn.Engine.Registry;
using Fastn.Sandbox;
using Fastn.Samples.Acme;
using Fastn.Samples.AcmeConnector;
using Fastn.Engine.Vault;
using Fastn.Storage.OAuth;

namespace Fastn.Server.Hosting;

/// <summary>
/// Start-up after the store is migrated: default workspace and admin key, and — when the sandbox is on —
/// the default workspace's OAuth app for the sandbox's Acme CRM, so "connect your test account" just works.
/// </summary>
public sealed class BootstrapHostedService(AdminKeyBootstrapper bootstrapper, IServiceScopeFactory scopes, ConnectorRegistry registry, ILogger<BootstrapHostedService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await bootstrapper.RunAsync(cancellationToken);
        foreach (var failure in registry.Failures)
        {
            logger.LogWarning("Connector plugin skipped: {Source}: {Reason}", failure.Source, failure.Reason);
        }

        // Simulated apps with an OAuth server: register the client they accept as the default workspace's OAuth app.
        using var scope = scopes.CreateSystemScope("registers the sandbox apps' OAuth clients for the default workspace");
        var apps = scope.ServiceProvider.GetRequiredService<OAuthAppStore>();
        var vault = scope.ServiceProvider.GetRequiredService<CredentialVault>();
        var clients = scope.ServiceProvider.GetServices<ISandboxApp>().OfType<ISandboxOAuthClient>()
            .Select(c => (c.Connector, c.ClientId, c.ClientSecret)).ToList();
        if (scope.ServiceProvider.GetService<AcmeState>() is not null)
        {
            var acme = AcmeOAuthClient.FastnLocal();
            clients.Add((AcmeCrm.Definition.Name, acme.ClientId, acme.ClientSecret ?? ""));
        }

        foreach (var (connector, clientId, secret) in clients)
        {
            if (registry.Find(connector) is not null
                && await apps.GetAsync(AdminKeyBootstrapper.DefaultWorkspaceId, connector, cancellationToken) is null)
            {
                await apps.UpsertAsync(AdminKeyBootstrapper.DefaultWorkspaceId, connector, clientId, vault.ProtectValue(secret), null, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
