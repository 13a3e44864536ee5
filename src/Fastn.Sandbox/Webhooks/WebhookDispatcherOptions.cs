namespace Fastn.Sandbox.Webhooks;

/// <summary>Retry policy of the sandbox webhook dispatcher, bound from <c>Fastn:Sandbox:Webhooks</c>.</summary>
public sealed class WebhookDispatcherOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Fastn:Sandbox:Webhooks";

    /// <summary>
    /// Waits before each retry; the number of attempts is one more than the number of delays.
    /// Default: 1 s, 5 s, 30 s, 2 min (five attempts).
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
