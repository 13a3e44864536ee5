using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>A Stripe error response: status and <c>{"error":{"type","code","message","param",…}}</c>.</summary>
internal sealed class StripeError : Exception
{
    public StripeError(int status, string type, string message, string? code = null, string? param = null, JsonObject? extra = null)
        : base(message)
    {
        Status = status;
        Type = type;
        Code = code;
        Param = param;
        Extra = extra;
    }

    public int Status { get; }

    public string Type { get; }

    public string? Code { get; }

    public string? Param { get; }

    public JsonObject? Extra { get; }

    public JsonObject ToBody(string requestId)
    {
        var error = new JsonObject { ["type"] = Type, ["message"] = Message };
        if (Code is not null)
        {
            error["code"] = Code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{Code.Replace('_', '-')}";
        }

        if (Param is not null)
        {
            error["param"] = Param;
        }

        foreach (var (key, value) in Extra ?? [])
        {
            error[key] = value?.DeepClone();
        }

        error["request_log_url"] = $"https://dashboard.stripe.com/test/logs/{requestId}";
        return new JsonObject { ["error"] = error };
    }

    public static StripeError Missing(string param) =>
        new(400, "invalid_request_error", $"Missing required param: {param}.", "parameter_missing", param);

    public static StripeError Invalid(string param, string message, string code = "parameter_invalid") =>
        new(400, "invalid_request_error", message, code, param);

    public static StripeError NoSuch(string kind, string id, string param = "id") =>
        new(404, "invalid_request_error", $"No such {kind}: '{id}'", "resource_missing", param);
}
