using System.Text.Json;

namespace Fastn.Client;

/// <summary>Where a <see cref="FastnClient"/> talks to and as whom.</summary>
public sealed class FastnClientOptions
{
    /// <summary>The Fastn server, e.g. <c>http://localhost:5173</c> (default: the HttpClient's <c>BaseAddress</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key (<c>fk_…</c>), sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The tenant requests act for by default (the <c>x-fastn-space-tenantid</c> header); see <see cref="FastnClient.WithTenant"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>How typed action inputs and outputs are (de)serialized (default: web defaults, camelCase).</summary>
    public JsonSerializerOptions? ActionSerializerOptions { get; set; }
}
