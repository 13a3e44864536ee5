using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Execution;

namespace Fastn.Engine.Triggers.Polling;

// One page of a poll trigger through the action executor, like any connector code: the connection's credentials
// (refreshed on a 401), scoped HTTP, rate limits, error mapping and the call log. The log records counts, not records.
internal static class PollFetch
{
    public static async Task<PollPage<PolledRecord>> PageAsync(ActionExecutor executor, TenantInfo tenant, string connectionId, ConnectorDefinition definition,
        PollTriggerDefinition trigger, PollRequest request, string purpose, CancellationToken cancellationToken)
    {
        PollPage<PolledRecord>? fetched = null;
        var action = Define.JsonAction($"poll:{trigger.Name}", $"Fetches a page of {definition.Name}.{trigger.Name} for {purpose}.",
            new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            async (_, ctx, ct) =>
            {
                fetched = await trigger.FetchPageAsync(request, ctx, ct).ConfigureAwait(false);
                return new JsonObject { ["records"] = fetched.Records.Count, ["hasMore"] = fetched.HasMore };
            });
        await executor.RunHandlerAsync(new ActionCallRequest(tenant, connectionId, action.Name, new JsonObject(), ActionCaller.Trigger), action, cancellationToken)
            .ConfigureAwait(false);
        return fetched ?? throw new InvalidOperationException("The poll handler returned without a page.");
    }
}
