using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Flows.Steps;

namespace Fastn.Flows.Building;

/// <summary>Adds steps in order; shared by the flow's top level and by condition branches and loops.</summary>
/// <typeparam name="TSelf">The concrete builder, so calls chain.</typeparam>
public abstract class StepsBuilder<TSelf>
    where TSelf : StepsBuilder<TSelf>
{
    private readonly List<FlowStep> _steps = [];

    /// <summary>The steps added so far.</summary>
    protected IReadOnlyList<FlowStep> Steps => _steps;

    /// <summary>Calls a connector's action; <paramref name="input"/> is any object (anonymous ones too) whose strings may hold templates.</summary>
    /// <param name="id">The step id, snake_case.</param>
    /// <param name="connector">The connector, <c>hubspot</c>.</param>
    /// <param name="action">The action, <c>create_contact</c>.</param>
    /// <param name="input">The input, e.g. <c>new { email = "{{ trigger.payload.email }}" }</c>.</param>
    /// <param name="connection">A fixed connection id; null uses the run's tenant's connection to the connector.</param>
    /// <param name="retry">The retry policy; null for the default.</param>
    /// <param name="timeout">How long one attempt may take.</param>
    public TSelf Action(string id, string connector, string action, object? input = null, string? connection = null, StepRetry? retry = null, TimeSpan? timeout = null) =>
        Add(new ActionStep
        {
            Id = id,
            Connector = connector,
            Action = action,
            Input = input is null ? null : ToNode(input) as JsonObject ?? throw new ArgumentException("An action's input is an object.", nameof(input)),
            Connection = connection,
            Retry = retry,
            TimeoutSeconds = timeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null,
        });

    /// <summary>Computes a value (any object; strings may hold templates).</summary>
    public TSelf Transform(string id, object value) => Add(new TransformStep { Id = id, Value = ToNode(value) ?? JsonValue.Create((string?)null)! });

    /// <summary>Maps a record from one connector's entity to another's through the CDM.</summary>
    /// <param name="id">The step id.</param>
    /// <param name="from">The source, <c>("acme", "contact")</c>.</param>
    /// <param name="to">The target, <c>("hubspot", "contact")</c>; null outputs the CDM record.</param>
    /// <param name="record">The source record, usually <c>"{{ trigger.payload }}"</c>.</param>
    public TSelf MapCdm(string id, (string Connector, string Entity) from, (string Connector, string Entity)? to, object record) =>
        Add(new CdmMapStep
        {
            Id = id,
            From = new EntityRef(from.Connector, from.Entity),
            To = to is { } t ? new EntityRef(t.Connector, t.Entity) : null,
            Record = ToNode(record)!,
        });

    /// <summary>Branches on a JavaScript expression (without braces).</summary>
    public TSelf If(string id, string condition, Action<BlockBuilder> then, Action<BlockBuilder>? otherwise = null)
    {
        ArgumentNullException.ThrowIfNull(then);
        var thenBlock = new BlockBuilder();
        then(thenBlock);
        var elseBlock = new BlockBuilder();
        otherwise?.Invoke(elseBlock);
        return Add(new ConditionStep { Id = id, If = condition, Then = thenBlock.Build(), Else = elseBlock.Build() });
    }

    /// <summary>Runs <paramref name="body"/> for each item of the array <paramref name="items"/> yields (a JavaScript expression).</summary>
    public TSelf ForEach(string id, string items, Action<BlockBuilder> body, int concurrency = 1)
    {
        ArgumentNullException.ThrowIfNull(body);
        var block = new BlockBuilder();
        body(block);
        return Add(new ForEachStep { Id = id, Items = items, Concurrency = concurrency, Steps = block.Build() });
    }

    /// <summary>Waits durably for <paramref name="duration"/>.</summary>
    public TSelf Delay(string id, TimeSpan duration) =>
        Add(new DelayStep { Id = id, Duration = duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s" });

    /// <summary>Waits durably until the timestamp a template yields.</summary>
    public TSelf DelayUntil(string id, string until) => Add(new DelayStep { Id = id, Until = until });

    /// <summary>Ends the run as succeeded, optionally with its output.</summary>
    public TSelf Succeed(string id, object? output = null) => Add(new StopStep { Id = id, Output = output is null ? null : ToNode(output) });

    /// <summary>Ends the run as failed with a message (a template).</summary>
    public TSelf Fail(string id, string message) => Add(new StopStep { Id = id, Error = true, Message = message });

    /// <summary>Adds a step built by hand.</summary>
    public TSelf Add(FlowStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return (TSelf)this;
    }

    /// <summary>Turns a value into the JSON the definition holds.</summary>
    protected static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), FlowJson.Options),
    };
}
