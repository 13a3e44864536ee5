using Fastn.Storage.Connections;
using Fastn.Storage.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Storage.Tests.Infrastructure;

/// <summary>Base of every provider-agnostic suite: each suite has a SQLite and a PostgreSQL subclass.</summary>
public abstract class StorageTestBase(StorageDatabase database)
{
    protected StorageDatabase Database { get; } = database;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The database's services; skips the test when the database is unavailable outside CI.</summary>
    protected IServiceProvider Services
    {
        get
        {
            if (Database.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }

            return Database.Services;
        }
    }

    protected AsyncServiceScope Scope(string? workspaceId = null, string? tenantId = null)
    {
        _ = Services;
        return Database.Scope(workspaceId, tenantId);
    }

    /// <summary>A DI scope whose tenant scope nobody set.</summary>
    protected AsyncServiceScope UnsetScope()
    {
        _ = Services;
        return Database.UnsetScope();
    }

    /// <summary>A fresh workspace with a unique id, so tests sharing the class database never see each other's rows.</summary>
    protected async Task<Workspace> NewWorkspaceAsync(string name = "Test workspace")
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceStore>().CreateWorkspaceAsync(name, cancellationToken: Ct);
    }

    protected async Task<Connection> NewConnectionAsync(string workspaceId, string tenantId, string connector = "acme-crm", string? credential = "protected-secret")
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ConnectionStore>().CreateAsync(new NewConnection
        {
            WorkspaceId = workspaceId,
            TenantId = tenantId,
            Connector = connector,
            AuthMethod = "oauth2",
            CredentialProtected = credential,
            AccessTokenExpiresAt = Database.Time.GetUtcNow().AddHours(1),
        }, Ct);
    }
}
