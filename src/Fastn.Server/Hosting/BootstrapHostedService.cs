using Fastn.Engine.Registry;
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

        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetService<AcmeState>() is null || registry.Find(AcmeCrm.Definition.Name) is null)
        {
            return;
        }

        var apps = scope.ServiceProvider.GetRequiredService<OAuthAppStore>();
        if (await apps.GetAsync(AdminKeyBootstrapper.DefaultWorkspaceId, AcmeCrm.Definition.Name, cancellationToken) is null)
        {
            var client = AcmeOAuthClient.FastnLocal();
            var vault = scope.ServiceProvider.GetRequiredService<CredentialVault>();
            await apps.UpsertAsync(AdminKeyBootstrapper.DefaultWorkspaceId, AcmeCrm.Definition.Name, client.ClientId, vault.ProtectValue(client.ClientSecret ?? ""), null, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
