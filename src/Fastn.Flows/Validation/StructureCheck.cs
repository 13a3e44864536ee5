using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Flows.Steps;
using Fastn.Flows.Triggers;

namespace Fastn.Flows.Validation;

// The document's skeleton before it is deserialized: each trigger and step has a known "type", so the problems
// name the path and the kinds there are, not a serializer's message.
internal static class StructureCheck
{
    public static void Check(JsonObject root, List<FlowProblem> problems)
    {
        if (root["schema"] is JsonValue schema && schema.TryGetValue<string>(out var version) && version != FlowDefinition.CurrentSchema)
        {
            problems.Add(new FlowProblem("$.schema", $"This server reads flow documents of schema '{FlowDefinition.CurrentSchema}', not '{version}'."));
        }

        if (root["trigger"] is not JsonObject trigger)
        {
            problems.Add(new FlowProblem("$.trigger", $"A flow needs a trigger object with a \"type\": one of {string.Join(", ", FlowTrigger.Kinds)}."));
        }
        else
        {
            CheckType(trigger, "$.trigger", FlowTrigger.Kinds, "trigger", problems);
        }

        if (root["steps"] is { } steps)
        {
            CheckSteps(steps, "$.steps", problems);
        }
    }

    private static void CheckSteps(JsonNode steps, string path, List<FlowProblem> problems)
    {
        if (steps is not JsonArray array)
        {
            problems.Add(new FlowProblem(path, "Steps are a JSON array of step objects."));
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var stepPath = $"{path}[{i}]";
            if (array[i] is not JsonObject step)
            {
                problems.Add(new FlowProblem(stepPath, "A step is a JSON object with \"id\" and \"type\"."));
                continue;
            }

            var type = CheckType(step, stepPath, FlowStep.Kinds, "step", problems);
            foreach (var branch in type switch { "condition" => new[] { "then", "else" }, "forEach" => ["steps"], _ => [] })
            {
                if (step[branch] is { } nested)
                {
                    CheckSteps(nested, $"{stepPath}.{branch}", problems);
                }
            }
        }
    }

    private static string? CheckType(JsonObject node, string path, IReadOnlyList<string> kinds, string what, List<FlowProblem> problems)
    {
        if (node["type"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            problems.Add(new FlowProblem(path + ".type", $"Each {what} needs a \"type\": one of {string.Join(", ", kinds)}."));
            return null;
        }

        var type = value.GetValue<string>();
        if (!kinds.Contains(type, StringComparer.Ordinal))
        {
            problems.Add(new FlowProblem(path + ".type", $"There is no {what} type '{type}'; the types are {string.Join(", ", kinds)}."));
            return null;
        }

        return type;
    }
}
