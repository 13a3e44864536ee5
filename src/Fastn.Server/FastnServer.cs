using Fastn.Connectors.BuiltIn;
using Fastn.Dashboard;
using Fastn.Engine.Execution;
using Fastn.Engine.Hosting;
using Fastn.Engine.Http;
using Fastn.Engine.Vault;
using Fastn.Mcp;
using Fastn.Sandbox;
using Fastn.Sandbox.Vendors;
using Fastn.Samples.Acme;
using Fastn.Samples.AcmeConnector;
using Fastn.Server.Api;
using Fastn.Server.Errors;
using Fastn.Server.Hosting;
using Fastn.Server.OpenApi;
using Fastn.Server.Requests;
using Fastn.Server.Security;
using Fastn.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Configuration;

namespace Fastn.Server;

/// <summary>Builds the Fastn server: REST API, OAuth callback, sandbox, one embedded Orleans silo, SQLite or PostgreSQL.</summary>
public static class FastnServer
{
    /// <summary>Creates the application; <paramref name="configure"/> lets tests and hosts adjust the builder.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The server's name even when another assembly hosts it (tests): static web assets and the dashboard's JS
        // initializers are looked up under the application name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(FastnServer).Assembly.GetName().Name });
        configure?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Registers every service on a builder (used by <see cref="Build"/> and by test hosts).</summary>
    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(config["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls("http://localhost:5173");
        }

        var publicBaseUrl = (config["Fastn:PublicBaseUrl"] ?? "http://localhost:5173").TrimEnd('/');
        var serverOptions = config.GetSection("Fastn").Get<ServerOptions>() ?? new ServerOptions();
        var dataDirectory = config["Fastn:Storage:DataDirectory"] ?? "data";

        // Request-start lines carry full URLs, and the OAuth callback's carries the authorization code and state.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
        builder.Services.Configure<RequestLimitsOptions>(config.GetSection("Fastn:Limits"));
        var limits = config.GetSection("Fastn:Limits").Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Kestrel answers its own limits with an empty body; ours (RequestShapeMiddleware) explain in problem+json.
            k.Limits.MaxRequestLineSize = Math.Max(k.Limits.MaxRequestLineSize, limits.MaxUrlBytes * RequestShapeMiddleware.KestrelFactor);
            k.Limits.MaxRequestHeadersTotalSize = Math.Max(k.Limits.MaxRequestHeadersTotalSize, limits.MaxHeaderBytes * RequestShapeMiddleware.KestrelFactor);
        });
        builder.Services.AddFastnOpenApi();
        builder.Services.AddHealthChecks();

        builder.Services.AddFastnStorage();
        var fastn = builder.Services.AddFastn();
        fastn.AddPluginFolder(Path.Combine(builder.Environment.ContentRootPath, serverOptions.PluginFolder));
        builder.Services.PostConfigure<VaultOptions>(o =>
        {
            if (o.MasterKeyFile == Path.Combine("data", "master.key"))
            {
                o.MasterKeyFile = Path.Combine(dataDirectory, "master.key");
            }
        });
        builder.Services.AddDataProtection().SetApplicationName("Fastn").PersistKeysToDbContext<FastnDbContext>();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<MasterKey>((o, key) => o.XmlEncryptor = new MasterKeyXmlEncryptor(key));
        builder.Services.AddFastnAuthorization();
        builder.Services.AddFastnMcp(o => o.ResolveTenant = http => CallerContext.Of(http).RequireTenant());
        // The dashboard signs in with an API key into the same principal the API builds (cookie session, see docs/dashboard.md).
        builder.AddFastnDashboard(typeof(FastnServer).Assembly.GetName().Name!, o =>
        {
            o.ApiKeyScheme = ApiKeyAuthenticationHandler.SchemeName;
            o.CreatePrincipal = FastnPrincipal.Create;
            o.ReadPrincipal = p => FastnPrincipal.ToCaller(p, requestedTenant: null) is { } c ? new DashboardIdentity(c.WorkspaceId, c.TenantScopedKey ? c.TenantId : null, c.KeyId, c.Role) : null;
        });
        builder.Services.AddSingleton<AdminKeyBootstrapper>();
        Fastn.Engine.ConnectSessions.ConnectSessionServiceCollectionExtensions.AddFastnConnectSessions(builder.Services);
        builder.Services.AddHostedService<BootstrapHostedService>();

        if (serverOptions.EnableSandbox)
        {
            builder.Services.AddFastnSandbox(o => o.Add<AcmeSandboxApp>().AddVendorSimulations().Configure(s =>
            {
                s.PublicBaseUrl = publicBaseUrl;
                // Issued sandbox tokens live beside the database, so sandbox connections survive a restart.
                s.StateDirectory ??= Path.Combine(dataDirectory, "sandbox");
            }));
            fastn.AddConnector(AcmeCrm.Create(publicBaseUrl + "/sandbox/acme"), "sandbox");
            // Built-in connectors talk to their vendors' simulations under /sandbox/{app}.
            foreach (var definition in BuiltInConnectors.All(publicBaseUrl + "/sandbox"))
            {
                fastn.AddConnector(definition, "built-in (sandbox)");
            }
            // The sandbox runs on this server: let connectors reach it even though it is loopback.
            builder.Services.PostConfigure<OutboundHttpOptions>(o =>
            {
                var uri = new Uri(publicBaseUrl);
                o.AllowedPrivateHosts.Add($"{uri.Host}:{uri.Port}");
            });
        }

        else
        {
            foreach (var definition in BuiltInConnectors.All())
            {
                fastn.AddConnector(definition, "built-in");
            }
        }

        var cluster = FastnClusterOptions.From(config);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort == 0 ? FreePort.Next() : cluster.SiloPort, cluster.GatewayPort == 0 ? FreePort.Next() : cluster.GatewayPort,
                serviceId: "fastn", clusterId: cluster.ClusterId);
            // The poll partitions' keep-alive reminders; the embedded silo keeps them in memory (every node re-registers them at start-up).
            silo.UseInMemoryReminderService();
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Declare a dead node in seconds, not the default ~15 s (see STACK.md for the measurement).
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
            });
        });
        // Orleans' membership clock with a process-relative origin: see ProcessRelativeTimeProvider for the watchdog warning it avoids.
        builder.Services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership, new ProcessRelativeTimeProvider());

        builder.Services.AddOpenTelemetry()
            .WithTracing(t =>
            {
                t.AddSource(EngineTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrEmpty(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(EngineTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (!string.IsNullOrEmpty(config["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    m.AddOtlpExporter();
                }
            });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
    }

    /// <summary>Maps every endpoint.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseMiddleware<RequestShapeMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<StrictRequestBodyMiddleware>();
        app.MapOpenApi("/openapi/{documentName}.json").AddEndpointFilter(StatusCodeProblems.OnlyOpenApiDocuments("v1"));
        app.MapFastnApiReference();
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready");

        var api = app.MapFastnApi();
        api.MapConnectorsApi();
        api.MapTenantsApi();
        api.MapConnectionsApi();
        api.MapOAuthApi();
        api.MapApiKeysApi();
        api.MapVaultApi();
        api.MapSubscriptionsApi();
        api.MapEventDestinationsApi();
        api.MapFlowsApi();
        api.MapCdmApi();
        api.MapCdmSyncsApi();
        app.MapOAuthCallback();
        app.MapConnectSessions();
        app.MapWebhooks();
        // Same identity and policy as /api/v1: the API key scheme, a member key at least, the caller's tenant scope.
        app.MapFastnMcp("/mcp").RequireAuthorization(FastnPolicies.Member).AddEndpointFilter<CallerScopeFilter>();
        app.MapFastnDashboard();

        if (app.Services.GetService<IOptions<SandboxOptions>>() is not null && app.Services.GetService<SandboxUrls>() is not null)
        {
            app.MapFastnSandbox();
        }
    }
}
