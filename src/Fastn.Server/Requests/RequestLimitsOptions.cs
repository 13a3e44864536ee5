namespace Fastn.Server.Requests;

/// <summary>Request size limits (<c>Fastn:Limits</c> section).</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>The largest request body the API reads, in bytes (<c>Fastn:Limits:MaxRequestBodyBytes</c>, default 1 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest action input (the body of <c>POST …/actions/{action}</c>), in bytes (<c>Fastn:Limits:MaxActionInputBytes</c>, default 1 MB).</summary>
    public long MaxActionInputBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest webhook delivery accepted at <c>/webhooks/{subscriptionId}</c>, in bytes (<c>Fastn:Limits:MaxWebhookBodyBytes</c>, default 1 MB).</summary>
    public long MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The longest request URL (path and query), in characters (<c>Fastn:Limits:MaxUrlBytes</c>, default 8 KB): longer is 414.</summary>
    public int MaxUrlBytes { get; set; } = 8 * 1024;

    /// <summary>The largest header block, in bytes (<c>Fastn:Limits:MaxHeaderBytes</c>, default 32 KB): larger is 431.</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;
}
