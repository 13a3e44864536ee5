namespace Fastn.Flows.Steps;

/// <summary>
/// Waits durably: the run is parked in the store and resumed on time, even across a restart or on another node.
/// Give either <see cref="Duration"/> or <see cref="Until"/>.
/// </summary>
public sealed record DelayStep : FlowStep
{
    /// <summary>How long: <c>30s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>, or an ISO 8601 duration (<c>PT1H</c>).</summary>
    public string? Duration { get; init; }

    /// <summary>Until when: a template yielding an ISO 8601 timestamp (<c>{{ trigger.payload.remindAt }}</c>).</summary>
    public string? Until { get; init; }
}
