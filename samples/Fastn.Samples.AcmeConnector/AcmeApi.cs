using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Http;

namespace Fastn.Samples.AcmeConnector;

/// <summary>Acme's HTTP conventions, shared by every action and trigger of <see cref="AcmeCrm"/>.</summary>
internal static class AcmeApi
{
    // <snippet:acme-http>
    /// <summary>
    /// <c>ctx.Http</c> with Acme's snake_case JSON (its default is camelCase). Pass <paramref name="idempotent"/>
    /// for writes that may be retried safely.
    /// </summary>
    public static ConnectorHttpClient Acme(this ConnectorContext ctx, bool idempotent = false) =>
        new(ctx.Http.Client, AcmeCrm.Json, ctx.Http.IdempotencyKey, idempotent);

    /// <summary>Turns Acme's 422 <c>{"error":"validation_failed","message","fields"}</c> into a validation error on the input.</summary>
    public static async Task<T> WithValidationErrorsAsync<T>(this Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (UpstreamException ex) when (ex.StatusCode == 422)
        {
            var body = TryParse(ex.Body);
            var field = (body?["fields"] as JsonObject)?.Select(f => f.Key).FirstOrDefault();
            var message = body?["message"]?.GetValue<string>() ?? ex.Message;
            throw new ConnectorValidationException($"Acme rejected the input: {message}", field is null ? null : "$." + field, ex);
        }
    }
    // </snippet:acme-http>

    private static JsonObject? TryParse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
