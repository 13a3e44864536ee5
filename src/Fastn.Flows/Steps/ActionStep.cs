using System.Text.Json.Nodes;

namespace Fastn.Flows.Steps;

/// <summary>Calls a connector's action on a connection, with an input built from templates.</summary>
public sealed record ActionStep : FlowStep
{
    /// <summary>The connector, <c>hubspot</c>.</summary>
    public required string Connector { get; init; }

    /// <summary>The action, <c>create_contact</c>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// A fixed connection id (<c>conn_01J…</c>); null means the run's tenant's connection to <see cref="Connector"/>,
    /// so one flow serves every tenant.
    /// </summary>
    public string? Connection { get; init; }

    /// <summary>The action's input; any string may hold <c>{{ … }}</c> templates.</summary>
    public JsonObject? Input { get; init; }

    /// <summary>When to try again after a failure; null means the default (rate limits wait and retry, nothing else does).</summary>
    public StepRetry? Retry { get; init; }

    /// <summary>How long one attempt may take, in seconds; null means the server's default.</summary>
    public int? TimeoutSeconds { get; init; }
}
