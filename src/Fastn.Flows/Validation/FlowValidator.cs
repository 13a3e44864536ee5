using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Flows.Steps;
using Fastn.Flows.Templates;
using Fastn.Flows.Triggers;

namespace Fastn.Flows.Validation;

/// <summary>
/// Checks a flow definition as a whole and lists every problem with its path: names and ids, triggers, limits,
/// templates and what they reference (a step may read only steps that finished before it: no cycles, no dangling
/// names), and, given a catalog, connectors, actions and inputs against the actions' schemas.
/// </summary>
public static partial class FlowValidator
{
    /// <summary>The fields of <c>trigger</c> a template can read.</summary>
    public static IReadOnlyList<string> TriggerFields { get; } = ["payload", "type", "eventId", "tenantId", "connectionId", "occurredAt", "source"];

    /// <summary>The fields of <c>run</c> a template can read.</summary>
    public static IReadOnlyList<string> RunFields { get; } = ["id", "flowId", "flowVersion", "tenantId", "startedAt"];

    /// <summary>Most steps in one flow, nested ones included.</summary>
    public const int MaxSteps = 200;

    /// <summary>Every problem of <paramref name="definition"/>; empty when it is valid.</summary>
    public static IReadOnlyList<FlowProblem> Validate(FlowDefinition definition, FlowValidationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var run = new Run(definition, context ?? FlowValidationContext.Structural);
        run.Check();
        return run.Problems;
    }

    /// <summary>Throws <see cref="FlowDefinitionException"/> with every problem when the definition is not valid.</summary>
    public static void EnsureValid(FlowDefinition definition, FlowValidationContext? context = null)
    {
        var problems = Validate(definition, context);
        if (problems.Count > 0)
        {
            throw new FlowDefinitionException(problems);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex FlowName();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex StepId();

    private sealed record StepInfo(FlowStep Step, JsonObject? OutputSchema);

    private sealed class Run(FlowDefinition definition, FlowValidationContext context)
    {
        private readonly Dictionary<string, string> _allIds = new(StringComparer.Ordinal);

        public List<FlowProblem> Problems { get; } = [];

        public void Check()
        {
            if (definition.Schema != FlowDefinition.CurrentSchema)
            {
                Add("$.schema", $"This library reads flow documents of schema '{FlowDefinition.CurrentSchema}', not '{definition.Schema}'.");
            }

            if (string.IsNullOrEmpty(definition.Name) || definition.Name.Length > 100 || !FlowName().IsMatch(definition.Name))
            {
                Add("$.name", $"The flow name '{definition.Name}' must be kebab-case, 1 to 100 characters: lowercase letters and digits separated by single dashes, like 'acme-contact-to-hubspot'.");
            }

            if (definition.Description is { Length: > 2000 })
            {
                Add("$.description", "The description is longer than 2000 characters.");
            }

            CheckTrigger(definition.Trigger);
            CheckOptions(definition.Options);
            CollectIds(definition.Steps, "$.steps");
            if (_allIds.Count > MaxSteps)
            {
                Add("$.steps", $"The flow has {_allIds.Count} steps; at most {MaxSteps} are allowed. Split it into several flows.");
            }

            var visible = CheckBlock(definition.Steps, "$.steps", new Dictionary<string, StepInfo>(StringComparer.Ordinal), inLoop: false);
            if (definition.Output is { } output)
            {
                CheckTemplates(output, "$.output", visible, false, null);
            }
        }

        private void Add(string path, string message) => Problems.Add(new FlowProblem(path, message));

        private void CheckTrigger(FlowTrigger? trigger)
        {
            switch (trigger)
            {
                case null:
                    Add("$.trigger", $"A flow needs a trigger: one of {string.Join(", ", FlowTrigger.Kinds)}.");
                    break;
                case EventTrigger e:
                    if (string.IsNullOrWhiteSpace(e.Connector))
                    {
                        Add("$.trigger.connector", "An event trigger names its connector, such as 'acme'.");
                    }
                    else if (context.Catalog is { } catalog)
                    {
                        var connector = catalog.FindConnector(e.Connector);
                        if (connector is null)
                        {
                            Add("$.trigger.connector", $"No connector '{e.Connector}' is registered on this server.");
                        }
                        else if (!connector.Triggers.Contains(e.Trigger, StringComparer.Ordinal))
                        {
                            Add("$.trigger.trigger", connector.Triggers.Count == 0
                                ? $"The connector '{e.Connector}' has no triggers."
                                : $"The connector '{e.Connector}' has no trigger '{e.Trigger}'; it has: {string.Join(", ", connector.Triggers)}.");
                        }
                    }

                    CheckFilters(e.Filters);
                    break;
                case ScheduleTrigger s:
                    if (string.IsNullOrWhiteSpace(s.Tenant))
                    {
                        Add("$.trigger.tenant", "A schedule trigger names the tenant its runs act for.");
                    }

                    if (string.IsNullOrWhiteSpace(s.Cron))
                    {
                        Add("$.trigger.cron", "A schedule trigger needs a cron expression, such as '*/15 * * * *'.");
                    }
                    else if (context.CheckSchedule?.Invoke(s.Cron, s.TimeZone) is { } why)
                    {
                        Add("$.trigger.cron", why);
                    }

                    break;
            }
        }

        private static readonly string[] FilterOps = ["eq", "neq", "gt", "lt", "in", "contains", "exists"];

        private void CheckFilters(JsonArray? filters)
        {
            if (filters is null)
            {
                return;
            }

            for (var i = 0; i < filters.Count; i++)
            {
                var path = $"$.trigger.filters[{i}]";
                if (filters[i] is not JsonObject f || f["path"] is not JsonValue p || p.GetValueKind() != JsonValueKind.String)
                {
                    Add(path, "A filter is an object with \"path\", \"op\" and (except for exists) \"value\".");
                    continue;
                }

                var op = f["op"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : null;
                if (op is null || !FilterOps.Contains(op, StringComparer.Ordinal))
                {
                    Add(path + ".op", $"The filter's op must be one of {string.Join(", ", FilterOps)}.");
                }
            }
        }

        private void CheckOptions(FlowOptions? options)
        {
            if (options?.MaxConcurrentRuns is { } max && max is < 1 or > 1000)
            {
                Add("$.options.maxConcurrentRuns", "maxConcurrentRuns is between 1 and 1000 (leave it out for no limit).");
            }

            if (options?.TimeoutSeconds is { } timeout && timeout is < 1 or > 7 * 86400)
            {
                Add("$.options.timeoutSeconds", "timeoutSeconds is between 1 and 604800 (a week).");
            }
        }

        private void CollectIds(IReadOnlyList<FlowStep> steps, string path)
        {
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var stepPath = $"{path}[{i}]";
                if (step is null)
                {
                    Add(stepPath, "A step is an object, not null.");
                    continue;
                }

                if (string.IsNullOrEmpty(step.Id) || step.Id.Length > 64 || !StepId().IsMatch(step.Id))
                {
                    Add(stepPath + ".id", $"The step id '{step.Id}' must be snake_case, 1 to 64 characters: lowercase letters, digits and '_', starting with a letter, like 'create_contact'.");
                }
                else if (!_allIds.TryAdd(step.Id, stepPath))
                {
                    Add(stepPath + ".id", $"The step id '{step.Id}' is already used at {_allIds[step.Id]}; step ids are unique in a flow.");
                }

                foreach (var (branch, nested) in step.Branches)
                {
                    CollectIds(nested, $"{stepPath}.{branch}");
                }
            }
        }

        // Checks a block and returns the steps visible after it (its own, with their outputs).
        private Dictionary<string, StepInfo> CheckBlock(IReadOnlyList<FlowStep> steps, string path, Dictionary<string, StepInfo> outer, bool inLoop)
        {
            var visible = new Dictionary<string, StepInfo>(outer, StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                if (step is null)
                {
                    continue;
                }

                var stepPath = $"{path}[{i}]";
                CheckStep(step, stepPath, visible, inLoop);
                if (step is StopStep && i < steps.Count - 1)
                {
                    Add($"{path}[{i + 1}]", $"This step can never run: the stop step '{step.Id}' before it ends the run.");
                }

                if (!string.IsNullOrEmpty(step.Id))
                {
                    visible[step.Id] = new StepInfo(step, OutputSchemaOf(step));
                }
            }

            return visible;
        }

        private JsonObject? OutputSchemaOf(FlowStep step) =>
            step is ActionStep a && context.Catalog?.FindConnector(a.Connector) is { } c && c.Actions.TryGetValue(a.Action, out var action)
                ? action.OutputSchema
                : null;

        private void CheckStep(FlowStep step, string path, Dictionary<string, StepInfo> visible, bool inLoop)
        {
            switch (step)
            {
                case ActionStep a:
                    CheckAction(a, path, visible, inLoop);
                    break;
                case TransformStep t:
                    CheckTemplates(t.Value, path + ".value", visible, inLoop, t.Id);
                    break;
                case ConditionStep c:
                    CheckExpression(c.If, path + ".if", visible, inLoop, c.Id);
                    if (c.Then.Count == 0 && c.Else.Count == 0)
                    {
                        Add(path, "A condition needs steps in \"then\" or \"else\".");
                    }

                    CheckBlock(c.Then, path + ".then", visible, inLoop);
                    CheckBlock(c.Else, path + ".else", visible, inLoop);
                    break;
                case ForEachStep f:
                    CheckExpression(f.Items, path + ".items", visible, inLoop, f.Id);
                    if (f.Concurrency is < 1 or > 50)
                    {
                        Add(path + ".concurrency", "concurrency is between 1 and 50.");
                    }

                    if (f.Steps.Count == 0)
                    {
                        Add(path + ".steps", "A forEach needs at least one step to run per item.");
                    }

                    CheckBlock(f.Steps, path + ".steps", visible, inLoop: true);
                    break;
                case DelayStep d:
                    if ((d.Duration is null) == (d.Until is null))
                    {
                        Add(path, "A delay gives either \"duration\" (30s, 15m, 1h, 2d, PT1H) or \"until\" (a timestamp template), not both and not neither.");
                    }
                    else if (d.Duration is not null && !TemplateText.HasTemplate(d.Duration))
                    {
                        if (FlowDurations.Parse(d.Duration, out var why) is null)
                        {
                            Add(path + ".duration", $"The duration is not valid: {why}.");
                        }
                    }
                    else
                    {
                        CheckTemplates(JsonValue.Create(d.Duration ?? d.Until), path + (d.Duration is null ? ".until" : ".duration"), visible, inLoop, d.Id);
                    }

                    break;
                case StopStep s:
                    if (s.Message is not null)
                    {
                        CheckTemplates(JsonValue.Create(s.Message), path + ".message", visible, inLoop, s.Id);
                    }

                    if (s.Output is not null)
                    {
                        CheckTemplates(s.Output, path + ".output", visible, inLoop, s.Id);
                    }

                    break;
                case CdmMapStep m:
                    CheckEntity(m.From, path + ".from");
                    if (m.To is not null)
                    {
                        CheckEntity(m.To, path + ".to");
                    }

                    CheckTemplates(m.Record, path + ".record", visible, inLoop, m.Id);
                    break;
            }
        }

        private void CheckEntity(EntityRef? entity, string path)
        {
            if (entity is null || string.IsNullOrWhiteSpace(entity.Connector) || string.IsNullOrWhiteSpace(entity.Entity))
            {
                Add(path, "Name the connector and its entity: {\"connector\": \"hubspot\", \"entity\": \"contact\"}.");
                return;
            }

            if (context.Catalog is not { } catalog)
            {
                return;
            }

            var connector = catalog.FindConnector(entity.Connector);
            if (connector is null)
            {
                Add(path + ".connector", $"No connector '{entity.Connector}' is registered on this server.");
            }
            else if (!connector.Entities.Contains(entity.Entity, StringComparer.Ordinal))
            {
                Add(path + ".entity", connector.Entities.Count == 0
                    ? $"The connector '{entity.Connector}' maps no entities to the CDM."
                    : $"The connector '{entity.Connector}' has no entity '{entity.Entity}'; it has: {string.Join(", ", connector.Entities)}.");
            }
        }

        private void CheckAction(ActionStep a, string path, Dictionary<string, StepInfo> visible, bool inLoop)
        {
            if (a.Input is not null)
            {
                CheckTemplates(a.Input, path + ".input", visible, inLoop, a.Id);
            }

            if (a.Connection is { } connection && (connection.Length > 100 || TemplateText.HasTemplate(connection)))
            {
                Add(path + ".connection", "connection is a fixed connection id (conn_…); leave it out to use the run's tenant's connection to the connector.");
            }

            if (a.Retry is { } retry)
            {
                if (retry.Attempts is < 1 or > 10)
                {
                    Add(path + ".retry.attempts", "attempts is between 1 and 10 (the first attempt included).");
                }

                if (retry.DelaySeconds is < 0 or > 3600)
                {
                    Add(path + ".retry.delaySeconds", "delaySeconds is between 0 and 3600.");
                }
            }

            if (a.TimeoutSeconds is { } timeout && timeout is < 1 or > 3600)
            {
                Add(path + ".timeoutSeconds", "timeoutSeconds is between 1 and 3600.");
            }

            if (context.Catalog is not { } catalog)
            {
                return;
            }

            var connector = catalog.FindConnector(a.Connector);
            if (connector is null)
            {
                Add(path + ".connector", $"No connector '{a.Connector}' is registered on this server.");
                return;
            }

            if (!connector.Actions.TryGetValue(a.Action, out var action))
            {
                Add(path + ".action", $"The connector '{a.Connector}' has no action '{a.Action}'; it has: {string.Join(", ", connector.Actions.Keys.Order(StringComparer.Ordinal))}.");
                return;
            }

            InputCheck.Check(a.Input ?? [], action, path + ".input", visible.ToDictionary(v => v.Key, v => v.Value.OutputSchema, StringComparer.Ordinal), Problems);
        }

        private void CheckExpression(string? expression, string path, Dictionary<string, StepInfo> visible, bool inLoop, string? self)
        {
            if (string.IsNullOrWhiteSpace(expression))
            {
                Add(path, "An expression is required here (JavaScript without braces, such as trigger.payload.items).");
                return;
            }

            if (TemplateText.HasTemplate(expression))
            {
                Add(path, "Write this expression without {{ }}: it is evaluated as JavaScript as it stands.");
                return;
            }

            CheckOneExpression(expression, path, visible, inLoop, self);
        }

        private void CheckTemplates(JsonNode? node, string path, Dictionary<string, StepInfo> visible, bool inLoop, string? self)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        CheckTemplates(value, $"{path}.{key}", visible, inLoop, self);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        CheckTemplates(array[i], $"{path}[{i}]", visible, inLoop, self);
                    }

                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var text = value.GetValue<string>();
                    if (!TemplateText.HasTemplate(text))
                    {
                        return;
                    }

                    var parts = TemplateText.Split(text, out var error);
                    if (error is not null)
                    {
                        Add(path, $"The template is not valid: {error}.");
                    }

                    foreach (var part in parts.Where(p => p.IsExpression))
                    {
                        CheckOneExpression(part.Text, path, visible, inLoop, self);
                    }

                    break;
            }
        }

        private void CheckOneExpression(string expression, string path, Dictionary<string, StepInfo> visible, bool inLoop, string? self)
        {
            if (context.CheckExpression?.Invoke(expression) is { } syntax)
            {
                Add(path, $"The expression '{Shorten(expression)}' does not parse: {syntax}");
                return;
            }

            foreach (var reference in ExpressionScanner.References(expression))
            {
                switch (reference.Root)
                {
                    case "item" or "index" when !inLoop:
                        Add(path, $"'{reference.Root}' exists only inside a forEach's steps.");
                        break;
                    case "trigger" when reference.Path.Count > 0 && !TriggerFields.Contains(reference.Path[0], StringComparer.Ordinal):
                        Add(path, $"trigger has no '{reference.Path[0]}'; it has: {string.Join(", ", TriggerFields)} (the event's data is trigger.payload).");
                        break;
                    case "run" when reference.Path.Count > 0 && !RunFields.Contains(reference.Path[0], StringComparer.Ordinal):
                        Add(path, $"run has no '{reference.Path[0]}'; it has: {string.Join(", ", RunFields)}.");
                        break;
                    case "steps" when reference.Step is { } step:
                        CheckStepReference(step, reference.Path, path, visible, self);
                        break;
                }
            }
        }

        private void CheckStepReference(string step, IReadOnlyList<string> rest, string path, Dictionary<string, StepInfo> visible, string? self)
        {
            if (step == self)
            {
                Add(path, $"The step '{step}' reads its own output: a step can read only steps that finished before it.");
                return;
            }

            if (!visible.ContainsKey(step))
            {
                if (_allIds.TryGetValue(step, out var where))
                {
                    Add(path, $"This refers to the step '{step}' ({where}), which has not finished when this runs (it comes later, or sits in a branch or loop this step is outside of): a step can read only the steps before it. Reorder the steps, or read the enclosing condition's or forEach's output.");
                }
                else
                {
                    var earlier = visible.Keys.ToArray();
                    Add(path, earlier.Length == 0
                        ? $"This refers to a step '{step}' that does not exist, and no step runs before this one."
                        : $"This refers to a step '{step}' that does not exist; the steps before this one are: {string.Join(", ", earlier)}.");
                }

                return;
            }

            if (rest.Count > 0 && rest[0] != "output")
            {
                Add(path, $"A step's result is read as steps.{step}.output…, not steps.{step}.{rest[0]}.");
                return;
            }

            if (rest.Count > 1 && visible[step].OutputSchema is { } schema && SchemaPath.Resolve(schema, rest.Skip(1).ToArray(), out var missing) is null && missing is not null)
            {
                Add(path, missing.Replace("{step}", step, StringComparison.Ordinal));
            }
        }

        private static string Shorten(string expression) => expression.Length <= 60 ? expression : expression[..57] + "...";
    }
}
