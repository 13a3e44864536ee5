using System.Text.Json.Nodes;

namespace Fastn.Engine.Flows;

// How a run leaves its steps early: parked until a time, paused until someone acts, stopped by a stop step, or
// failed at a step. Thrown through the step tree, caught once by the runner.
internal sealed class RunParkedException(DateTimeOffset wakeAt, string stepPath, int attempts, string reason) : Exception(reason)
{
    public DateTimeOffset WakeAt { get; } = wakeAt;

    public string StepPath { get; } = stepPath;

    public int Attempts { get; } = attempts;
}

internal sealed class RunPausedException(string reason) : Exception(reason);

internal sealed class RunStoppedException(bool error, string? reason, JsonNode? output) : Exception(reason ?? "Stopped")
{
    public bool Error { get; } = error;

    public JsonNode? Output { get; } = output;
}

internal sealed class StepFailedException(string stepPath, JsonObject error) : Exception(error["message"]?.ToString())
{
    public string StepPath { get; } = stepPath;

    public JsonObject Error { get; } = error;
}
