namespace Fastn.Samples.Acme.Api;

/// <summary>
/// One injected fault: wait <see cref="Delay"/>, then answer <see cref="StatusCode"/> (with an optional
/// <c>Retry-After</c>) or, when it is null, handle the request normally.
/// </summary>
public sealed record AcmeFault(int? StatusCode, TimeSpan Delay, TimeSpan? RetryAfter = null);
