using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

/// <summary>Webhook bodies in Intuit's format.</summary>
internal static class QuickBooksWebhookBodies
{
    public static string Delivery(string realmId, params (string Name, string Id, string Operation, string LastUpdated)[] entities) =>
        new JsonObject
        {
            ["eventNotifications"] = new JsonArray(new JsonObject
            {
                ["realmId"] = realmId,
                ["dataChangeEvent"] = new JsonObject
                {
                    ["entities"] = new JsonArray([.. entities.Select(e => (JsonNode)new JsonObject
                    {
                        ["name"] = e.Name, ["id"] = e.Id, ["operation"] = e.Operation, ["lastUpdated"] = e.LastUpdated,
                    })]),
                },
            }),
        }.ToJsonString();
}
