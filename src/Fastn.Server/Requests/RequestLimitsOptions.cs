namespace Fastn.Server.Requests;

/// <summary>Request size limits (<c>Fastn:Limits</c> section).</summary>
public sealed class RequestLimitsOptions
{
    /// <summary>The largest request body the API reads, in bytes (<c>Fastn:Limits:MaxRequestBodyBytes</c>, default 1 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest action input (the body of <c>POST …/actions/{action}</c>), in bytes (<c>Fastn:Limits:MaxActionInputBytes</c>, default 1 MB).</summary>
    public long MaxActionInputBytes { get; set; } = 1024 * 1024;
}
