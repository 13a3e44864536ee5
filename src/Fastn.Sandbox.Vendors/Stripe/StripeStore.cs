using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>One kind of Stripe object, in creation order; callers hold the simulation's lock.</summary>
internal sealed class StripeStore(string kind, string listUrl)
{
    private readonly Dictionary<string, JsonObject> _byId = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public string Kind { get; } = kind;

    public int Count => _byId.Count;

    public void Add(JsonObject item)
    {
        var id = item["id"]!.GetValue<string>();
        _byId[id] = item;
        _order.Add(id);
    }

    public JsonObject Get(string id, string param = "id") =>
        _byId.TryGetValue(id, out var item) ? item : throw StripeError.NoSuch(Kind, id, param);

    public JsonObject? Find(string? id) => id is not null && _byId.TryGetValue(id, out var item) ? item : null;

    public void Remove(string id)
    {
        _byId.Remove(id);
        _order.Remove(id);
    }

    public IEnumerable<JsonObject> NewestFirst() => Enumerable.Reverse(_order).Select(id => _byId[id]);

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
    }

    /// <summary>A page newest first with Stripe's cursors: <c>limit</c> (1–100, default 10), <c>starting_after</c>, <c>ending_before</c>.</summary>
    public JsonObject Page(JsonObject query, Func<JsonObject, bool>? filter = null)
    {
        var limit = StripeParams.Long(query, "limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeError.Invalid("limit", $"Invalid integer: {limit}; must be between 1 and 100.", "parameter_invalid_integer");
        }

        var items = NewestFirst().Where(filter ?? (_ => true)).ToList();
        if (StripeParams.Str(query, "starting_after") is { } after)
        {
            Get(after, "starting_after");
            var at = items.FindIndex(i => i["id"]!.GetValue<string>() == after);
            items = at < 0 ? [] : items[(at + 1)..];
        }
        else if (StripeParams.Str(query, "ending_before") is { } before)
        {
            Get(before, "ending_before");
            var at = items.FindIndex(i => i["id"]!.GetValue<string>() == before);
            items = at < 0 ? [] : items[..at];
            items = items.Count > limit ? items[^(int)limit..] : items;
            return StripeObjects.List(listUrl, items, false);
        }

        return StripeObjects.List(listUrl, items.Take((int)limit), items.Count > limit);
    }
}
