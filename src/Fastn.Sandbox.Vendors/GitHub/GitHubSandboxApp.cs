using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>
/// GitHub, simulated at <c>/sandbox/github</c>: the OAuth app flow (<c>/login/oauth/authorize</c> consent page and
/// <c>/login/oauth/access_token</c>), the REST API paths the GitHub connector calls (API version 2022-11-28 shapes,
/// Link pagination, rate-limit headers, GitHub error bodies) and signed repository webhooks.
/// </summary>
public sealed class GitHubSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "github";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("GitHub", "OAuth app consent page, the REST API (2022-11-28) over generated repositories, issues and pull requests, signed repository webhooks.", [new("Signed-in user", GitHubSimulation.ViewerLogin), new("OAuth client id", GitHubSimulation.ClientId), new("OAuth client secret", GitHubSimulation.ClientSecret)]);

    /// <inheritdoc />
    public string Connector => "github";

    /// <inheritdoc />
    public string ClientId => GitHubSimulation.ClientId;

    /// <inheritdoc />
    public string ClientSecret => GitHubSimulation.ClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GitHubSimulation>();
        services.AddHttpClient(GitHubWebhookSender.HttpClientName);
        services.TryAddSingleton<GitHubWebhookSender>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAppRoot(this);
        routes.MapGitHubOAuth();
        routes.MapGitHubApi();
    }
}
