using System.Collections.Concurrent;
using Fastn.Flows;
using Fastn.Storage.Flows;

namespace Fastn.Engine.Flows;

// Published versions never change (a flow deleted and made again gets a new id): each is read and parsed once per
// process, for the runner, the event trigger, schedules and the HTTP trigger alike.
internal static class PublishedDefinitions
{
    private static readonly ConcurrentDictionary<(string FlowId, int Version), FlowDefinition> Cache = new();

    /// <summary>The version's definition, or null when it is not stored (in the caller's scope).</summary>
    public static async Task<FlowDefinition?> GetAsync(FlowStore flows, string flowId, int version, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue((flowId, version), out var cached))
        {
            return cached;
        }

        var stored = await flows.GetVersionAsync(flowId, version, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var definition = FlowJson.Parse(stored.Definition);
        Cache.TryAdd((flowId, version), definition);
        return definition;
    }
}
