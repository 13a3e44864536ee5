using System.Text.Json.Nodes;
using Fastn.Flows.Triggers;
using Fastn.Flows.Validation;

namespace Fastn.Flows.Building;

/// <summary>
/// Builds a flow in C#: <c>Flow.Named("acme-contact-to-hubspot").OnEvent("acme", "contact_changed").Action(…).Build()</c>
/// produces exactly the definition the JSON form would, so flows can live in a repository and be tested in xUnit.
/// </summary>
public sealed class FlowBuilder : StepsBuilder<FlowBuilder>
{
    private readonly string _name;
    private string? _description;
    private FlowTrigger _trigger = new ManualTrigger();
    private JsonNode? _output;
    private FlowOptions? _options;

    internal FlowBuilder(string name) => _name = name;

    /// <summary>Says what the flow does.</summary>
    public FlowBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Runs for each event of a connector's trigger.</summary>
    public FlowBuilder OnEvent(string connector, string trigger, IReadOnlyList<string>? eventTypes = null, JsonArray? filters = null)
    {
        _trigger = new EventTrigger { Connector = connector, Trigger = trigger, EventTypes = eventTypes ?? [], Filters = filters };
        return this;
    }

    /// <summary>Runs on a cron schedule for one tenant.</summary>
    public FlowBuilder OnSchedule(string cron, string tenant, string timeZone = "UTC")
    {
        _trigger = new ScheduleTrigger { Cron = cron, Tenant = tenant, TimeZone = timeZone };
        return this;
    }

    /// <summary>Runs when the flow's URL is called; <paramref name="respondWithOutput"/> makes the call wait for the output.</summary>
    public FlowBuilder OnHttp(bool respondWithOutput = false)
    {
        _trigger = new HttpTrigger { RespondWithOutput = respondWithOutput };
        return this;
    }

    /// <summary>Runs only when started by hand (the default).</summary>
    public FlowBuilder Manually()
    {
        _trigger = new ManualTrigger();
        return this;
    }

    /// <summary>The run's output, as a template over the trigger and steps.</summary>
    public FlowBuilder Output(object output)
    {
        _output = ToNode(output);
        return this;
    }

    /// <summary>Limits concurrent runs and run time.</summary>
    public FlowBuilder Limits(int? maxConcurrentRuns = null, TimeSpan? timeout = null)
    {
        _options = new FlowOptions { MaxConcurrentRuns = maxConcurrentRuns, TimeoutSeconds = timeout is { } t ? (int)Math.Ceiling(t.TotalSeconds) : null };
        return this;
    }

    /// <summary>The definition, checked for structure and references; throws <see cref="FlowDefinitionException"/> with every problem.</summary>
    public FlowDefinition Build(FlowValidationContext? context = null)
    {
        var definition = new FlowDefinition
        {
            Name = _name,
            Description = _description,
            Trigger = _trigger,
            Steps = [.. Steps],
            Output = _output,
            Options = _options,
        };
        FlowValidator.EnsureValid(definition, context);
        return definition;
    }
}
