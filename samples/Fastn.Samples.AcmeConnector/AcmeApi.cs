using System.Text.Json.Nodes;
using Fastn.Connectors.Http;

namespace Fastn.Samples.AcmeConnector;

/// <summary>Acme's error conventions, shared by the actions of <see cref="AcmeCrm"/>.</summary>
internal static class AcmeApi
{
    // <snippet:validation-errors>
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
    // </snippet:validation-errors>

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
