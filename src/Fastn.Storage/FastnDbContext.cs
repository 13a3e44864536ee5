using Fastn.Storage.ActionCalls;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Connections;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.Events;
using Fastn.Storage.Flows;
using Fastn.Storage.OAuth;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fastn.Storage;

/// <summary>
/// The Fastn model, shared by <see cref="SqliteFastnDbContext"/> and <see cref="PostgresFastnDbContext"/>
/// (each owns its migrations). Workspace- and tenant-owned rows are filtered by the injected
/// <see cref="ITenantScope"/>, which fails closed: with nothing set, a query or write of such a row throws
/// <see cref="TenantScopeMissingException"/>. System code that must see every row opts in with
/// <see cref="TenantScope.AsSystem"/>, or calls <c>IgnoreQueryFilters()</c> on one query (saying why in a comment).
/// </summary>
public abstract class FastnDbContext : DbContext, IDataProtectionKeyContext
{
    private readonly ITenantScope _scope;

    protected FastnDbContext(DbContextOptions options, ITenantScope scope)
        : base(options)
    {
        _scope = scope;
    }

    /// <summary>The scope this context filters by.</summary>
    public ITenantScope Scope => _scope;

    public DbSet<Workspace> Workspaces => Set<Workspace>();

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ConnectionCredential> ConnectionCredentials => Set<ConnectionCredential>();

    public DbSet<OAuthState> OAuthStates => Set<OAuthState>();

    public DbSet<OAuthApp> OAuthApps => Set<OAuthApp>();

    public DbSet<ActionCall> ActionCalls => Set<ActionCall>();

    public DbSet<PlatformEvent> Events => Set<PlatformEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ConnectSession> ConnectSessions => Set<ConnectSession>();

    public DbSet<WorkspaceRedirectUrl> WorkspaceRedirectUrls => Set<WorkspaceRedirectUrl>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<EventDestination> EventDestinations => Set<EventDestination>();

    public DbSet<EventDelivery> EventDeliveries => Set<EventDelivery>();

    public DbSet<StoredFlow> Flows => Set<StoredFlow>();

    public DbSet<StoredFlowVersion> FlowVersions => Set<StoredFlowVersion>();

    public DbSet<FlowRun> FlowRuns => Set<FlowRun>();

    public DbSet<Cdm.CdmSync> CdmSyncs => Set<Cdm.CdmSync>();

    public DbSet<Cdm.CdmSyncLink> CdmSyncLinks => Set<Cdm.CdmSyncLink>();

    public DbSet<Cdm.CdmSyncError> CdmSyncErrors => Set<Cdm.CdmSyncError>();

    public DbSet<FlowRunStep> FlowRunSteps => Set<FlowRunStep>();

    public DbSet<Polling.PollRecordHash> PollRecordHashes => Set<Polling.PollRecordHash>();

    // Read by the query filters at query time (EF parameterizes context members per execution). Null means
    // system scope (every workspace); an unset scope fails closed here, before any SQL runs.
    private string? ScopeWorkspaceId => _scope.SystemReason is not null
        ? null
        : _scope.WorkspaceId ?? throw new TenantScopeMissingException("workspace-owned");

    private string? ScopeTenantId => _scope.SystemReason is not null ? null : _scope.TenantId;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateException ex) when (StorageErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (StorageErrors.Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        // Filtered principals (Tenant, Workspace) with filtered dependents: both sides use the same scope.
        optionsBuilder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Workspace>(e =>
        {
            e.ToTable("Workspaces");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.LogoUrl).HasMaxLength(2000);
        });

        modelBuilder.Entity<Tenant>(e =>
        {
            e.ToTable("Tenants");
            e.HasKey(x => new { x.WorkspaceId, x.Id });
            Id(e.Property(x => x.WorkspaceId));
            Id(e.Property(x => x.Id));
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("ApiKeys");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            Id(e.Property(x => x.WorkspaceId));
            Id(e.Property(x => x.TenantId));
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Scopes).HasMaxLength(1000);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId });
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Connection>(e =>
        {
            e.ToTable("Connections");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            e.Property(x => x.Connector).HasMaxLength(100);
            e.Property(x => x.AuthMethod).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.Connector });
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => new { x.WorkspaceId, x.TenantId }).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ConnectionCredential>().WithOne().HasForeignKey<ConnectionCredential>(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ConnectionCredential>(e =>
        {
            e.ToTable("ConnectionCredentials");
            e.HasKey(x => x.ConnectionId);
            Id(e.Property(x => x.ConnectionId));
            TenantColumns(e);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId });
        });

        modelBuilder.Entity<OAuthState>(e =>
        {
            e.ToTable("OAuthStates");
            e.HasKey(x => x.State);
            e.Property(x => x.State).HasMaxLength(64);
            TenantColumns(e);
            e.Property(x => x.Connector).HasMaxLength(100);
            e.Property(x => x.AuthMethod).HasMaxLength(100);
            e.Property(x => x.RedirectUri).HasMaxLength(2000);
            Id(e.Property(x => x.ConnectionId));
            e.Property(x => x.ReturnUrl).HasMaxLength(2000);
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId });
            e.HasIndex(x => x.ExpiresAt);
        });

        modelBuilder.Entity<OAuthApp>(e =>
        {
            e.ToTable("OAuthApps");
            e.HasKey(x => new { x.WorkspaceId, x.Connector });
            Id(e.Property(x => x.WorkspaceId));
            e.Property(x => x.Connector).HasMaxLength(100);
            e.Property(x => x.ClientId).HasMaxLength(500);
            e.Property(x => x.Scopes).HasMaxLength(2000);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ActionCall>(e =>
        {
            e.ToTable("ActionCalls");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            Id(e.Property(x => x.ConnectionId));
            e.Property(x => x.Connector).HasMaxLength(100);
            e.Property(x => x.Action).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Caller).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ErrorType).HasMaxLength(100);
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.ConnectionId, x.StartedAt });
            // The retention purge deletes by age across every workspace.
            e.HasIndex(x => x.StartedAt);
        });

        modelBuilder.Entity<PlatformEvent>(e =>
        {
            e.ToTable("Events");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.CreatedAt });
            e.HasIndex(x => new { x.DispatchedAt, x.CreatedAt });
            e.Property(x => x.Kind).HasMaxLength(16).HasDefaultValue(EventKinds.Platform);
            Id(e.Property(x => x.ConnectionId));
            Id(e.Property(x => x.SubscriptionId));
            e.Property(x => x.Trigger).HasMaxLength(200);
            e.Property(x => x.Source).HasMaxLength(16);
            e.Property(x => x.DedupKey).HasMaxLength(400);
            e.Property(x => x.HeldReason).HasMaxLength(500);
            // One row per app event per subscription: a redelivery inserts nothing (ON CONFLICT DO NOTHING).
            e.HasIndex(x => x.DedupKey).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.SubscriptionId, x.CreatedAt });
        });

        modelBuilder.Entity<EventDestination>(e =>
        {
            e.ToTable("EventDestinations");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            Id(e.Property(x => x.WorkspaceId));
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.EventTypes).HasMaxLength(4000);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Filters).HasMaxLength(8000);
            e.HasIndex(x => x.WorkspaceId);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EventDelivery>(e =>
        {
            e.ToTable("EventDeliveries");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            Id(e.Property(x => x.EventId));
            Id(e.Property(x => x.DestinationId));
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(1000);
            // One delivery per event and destination, whichever dispatcher fans it out.
            e.HasIndex(x => new { x.EventId, x.DestinationId }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.DestinationId, x.CreatedAt });
        });

        modelBuilder.Entity<Subscription>(e =>
        {
            e.ToTable("Subscriptions");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            Id(e.Property(x => x.ConnectionId));
            e.Property(x => x.Connector).HasMaxLength(100);
            e.Property(x => x.Trigger).HasMaxLength(100);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.StatusReason).HasMaxLength(2000);
            e.Property(x => x.ExternalId).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.ConnectionId });
            e.HasOne<Connection>().WithMany().HasForeignKey(x => x.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));

        modelBuilder.Entity<ConnectSession>(e =>
        {
            e.ToTable("ConnectSessions");
            e.HasKey(x => x.Id);
            Id(e.Property(x => x.Id));
            TenantColumns(e);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.Property(x => x.AllowedConnectors).HasMaxLength(4000);
            e.Property(x => x.ReturnUrl).HasMaxLength(2000);
            e.Property(x => x.FormToken).HasMaxLength(64);
            Id(e.Property(x => x.ConnectionId));
            e.Property(x => x.Connector).HasMaxLength(100);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.WorkspaceId, x.TenantId, x.CreatedAt });
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => new { x.WorkspaceId, x.TenantId }).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<WorkspaceRedirectUrl>(e =>
        {
            e.ToTable("WorkspaceRedirectUrls");
            e.HasKey(x => new { x.WorkspaceId, x.Url });
            Id(e.Property(x => x.WorkspaceId));
            e.Property(x => x.Url).HasMaxLength(2000);
            e.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        FlowsModel.Configure(modelBuilder);
        Cdm.CdmSyncModel.Configure(modelBuilder);
        Polling.PollingModel.Configure(modelBuilder);
        ApplyScopeFilters(modelBuilder);
    }

    // Scope filters by convention: every IWorkspaceOwned entity is filtered by workspace, every ITenantOwned one
    // by tenant as well, so a new entity cannot be forgotten. Workspace and Tenant filter on their own ids.
    private void ApplyScopeFilters(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Workspace>().HasQueryFilter(x => ScopeWorkspaceId == null || x.Id == ScopeWorkspaceId);
        modelBuilder.Entity<Tenant>().HasQueryFilter(x => (ScopeWorkspaceId == null || x.WorkspaceId == ScopeWorkspaceId)
            && (ScopeTenantId == null || x.Id == ScopeTenantId));
        foreach (var type in modelBuilder.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t != typeof(Tenant)).ToArray())
        {
            var filter = typeof(ITenantOwned).IsAssignableFrom(type) ? TenantFilterMethod
                : typeof(IWorkspaceOwned).IsAssignableFrom(type) ? WorkspaceFilterMethod
                : null;
            filter?.MakeGenericMethod(type).Invoke(this, [modelBuilder]);
        }
    }

    private static readonly System.Reflection.MethodInfo TenantFilterMethod =
        typeof(FastnDbContext).GetMethod(nameof(TenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private static readonly System.Reflection.MethodInfo WorkspaceFilterMethod =
        typeof(FastnDbContext).GetMethod(nameof(WorkspaceFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    // By name: expressions over interface members do not map to the entity's own properties.
    private void TenantFilter<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(x =>
            (ScopeWorkspaceId == null || EF.Property<string>(x, nameof(ITenantOwned.WorkspaceId)) == ScopeWorkspaceId)
            && (ScopeTenantId == null || EF.Property<string>(x, nameof(ITenantOwned.TenantId)) == ScopeTenantId));

    private void WorkspaceFilter<T>(ModelBuilder modelBuilder)
        where T : class, IWorkspaceOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(x =>
            ScopeWorkspaceId == null || EF.Property<string>(x, nameof(IWorkspaceOwned.WorkspaceId)) == ScopeWorkspaceId);

    internal static void Id<T>(PropertyBuilder<T> property) => property.HasMaxLength(100);

    internal static void TenantColumns<T>(EntityTypeBuilder<T> e)
        where T : class, ITenantOwned
    {
        // By name: expressions over interface members do not map to the entity's own properties.
        e.Property<string>(nameof(ITenantOwned.WorkspaceId)).HasMaxLength(100);
        e.Property<string>(nameof(ITenantOwned.TenantId)).HasMaxLength(100);
    }

    // Bumps versions and refuses writes that would put a row outside the current scope.
    private void PrepareSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (_scope.SystemReason is null && _scope.WorkspaceId is null && entry.Entity is IWorkspaceOwned or Workspace)
            {
                throw new TenantScopeMissingException(entry.Metadata.ClrType.Name);
            }

            if (entry.State == EntityState.Deleted)
            {
                continue;
            }

            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned)
            {
                versioned.Version++;
            }

            if (_scope.WorkspaceId is { } ws && entry.Entity is IWorkspaceOwned owned && owned.WorkspaceId != ws)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of workspace '{owned.WorkspaceId}' cannot be written from workspace scope '{ws}'.");
            }

            if (_scope.TenantId is { } tenant && entry.Entity is ITenantOwned tenantOwned && tenantOwned.TenantId != tenant)
            {
                throw new InvalidOperationException(
                    $"A {entry.Metadata.ClrType.Name} of tenant '{tenantOwned.TenantId}' cannot be written from tenant scope '{tenant}'.");
            }
        }
    }
}
