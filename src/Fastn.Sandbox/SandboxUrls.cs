using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Fastn.Sandbox;

/// <summary>Builds the paths and absolute URLs of sandbox apps.</summary>
public sealed class SandboxUrls(IOptions<SandboxOptions> options)
{
    private readonly SandboxOptions _options = options.Value;

    /// <summary>The app's mount path relative to the host root, e.g. <c>/sandbox/acme</c>.</summary>
    public string AppPath(string appName) => $"{NormalizedPrefix(_options.PathPrefix)}/{appName}";

    /// <summary>The app's path as the browser sees it (including the request's path base).</summary>
    public string AppPath(HttpContext context, string appName) => $"{context.Request.PathBase}{AppPath(appName)}";

    /// <summary>
    /// The app's absolute base URL, e.g. <c>http://localhost:5173/sandbox/acme</c>: from
    /// <see cref="SandboxOptions.PublicBaseUrl"/> when set, else from the request.
    /// </summary>
    public string AppBaseUrl(HttpContext context, string appName)
    {
        var root = string.IsNullOrWhiteSpace(_options.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : _options.PublicBaseUrl;
        return $"{root.TrimEnd('/')}{AppPath(appName)}";
    }

    internal static string NormalizedPrefix(string prefix)
    {
        var trimmed = prefix.Trim().Trim('/');
        return trimmed.Length == 0 ? string.Empty : "/" + trimmed;
    }
}
