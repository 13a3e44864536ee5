using System.Text.Json.Nodes;

namespace Fastn.Engine.Flows;

/// <summary>What a template can read: the trigger, the run, finished steps' outputs, and in a loop the item and its index.</summary>
public sealed class TemplateScope
{
    private readonly IReadOnlyDictionary<string, JsonNode?> _steps;
    private readonly TemplateScope? _outer;

    /// <summary>Creates a scope.</summary>
    public TemplateScope(JsonObject trigger, JsonObject run, IReadOnlyDictionary<string, JsonNode?> steps, TemplateScope? outer = null, JsonNode? item = null, int? index = null)
    {
        Trigger = trigger;
        Run = run;
        _steps = steps;
        _outer = outer;
        Item = item;
        Index = index;
    }

    /// <summary>The trigger: type, payload, event id…</summary>
    public JsonObject Trigger { get; }

    /// <summary>The run: id, flow, version, tenant.</summary>
    public JsonObject Run { get; }

    /// <summary>The current loop item, or null outside a loop.</summary>
    public JsonNode? Item { get; }

    /// <summary>The current loop index, or null outside a loop.</summary>
    public int? Index { get; }

    /// <summary>Finished steps' outputs visible here (inner scopes shadow outer ones), only <paramref name="only"/> when given.</summary>
    public IEnumerable<(string Id, JsonNode? Output)> Steps(IReadOnlySet<string>? only)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var scope = this; scope is not null; scope = scope._outer)
        {
            foreach (var (id, output) in scope._steps)
            {
                if ((only is null || only.Contains(id)) && seen.Add(id))
                {
                    yield return (id, output);
                }
            }
        }
    }
}
