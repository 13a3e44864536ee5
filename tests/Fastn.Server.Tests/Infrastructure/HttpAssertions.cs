using System.Net;
using System.Text.Json;

namespace Fastn.Server.Tests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts a DESIGN §7 problem document: status, application/problem+json, the type, a detail; returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, ServerSide(response, text));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement.Clone();
        root.GetProperty("type").GetString().ShouldBe(type, text);
        root.GetProperty("status").GetInt32().ShouldBe((int)status);
        root.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace(text);
        text.ShouldNotContain("   at ", customMessage: "no stack trace in a problem");
        return root;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(expected, ServerSide(response, text));
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>The body, and on a 5xx the server's error log lines for the request's path.</summary>
    private static string ServerSide(HttpResponseMessage response, string text) =>
        (int)response.StatusCode >= 500 && response.RequestMessage?.RequestUri is { } uri
            ? text + "\nServer errors for " + uri.AbsolutePath + ":\n" + CapturedLogs.ErrorsMentioning(uri.AbsolutePath)
            : text;
}
