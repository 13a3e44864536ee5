using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Execution;

namespace Fastn.Engine.Tests.Execution;

public sealed class RedactorTests
{
    [Fact]
    public void Redact_Json_MasksSecretKeysAndSecretValuesAnywhere()
    {
        var credentials = new AuthCredentials(AuthKind.ApiKey, "apikey", new Dictionary<string, string> { ["api_key"] = "sk_live_abcdef123456" });
        var redactor = Redactor.For(credentials, Auth.ApiKeyHeader("X-Key"));
        var input = JsonNode.Parse("""{"password":"hunter22","note":"key is sk_live_abcdef123456!","nested":[{"access_token":"t0k3n"}],"count":3}""");

        var redacted = redactor.Redact(input)!.ToJsonString();

        redacted.ShouldNotContain("hunter22");
        redacted.ShouldNotContain("sk_live_abcdef123456");
        redacted.ShouldNotContain("t0k3n");
        redacted.ShouldContain("\"count\":3");
        redacted.ShouldContain("key is ***!");
    }

    [Fact]
    public void Redact_Text_MasksAccessToken()
    {
        var credentials = new AuthCredentials(AuthKind.OAuth2, "oauth2", new Dictionary<string, string>(), "at_secret_value_1");

        Redactor.For(credentials, null).Redact("Bearer at_secret_value_1 was refused").ShouldBe("Bearer *** was refused");
    }

    [Fact]
    public void Redact_DeclaredSecretFieldWithAnInnocentName_IsMasked()
    {
        // "shop_word" looks like no secret, but the auth method declares it one: its value must never be shown.
        var method = Auth.Custom([CredentialField.Text("shop", "Shop"), CredentialField.SecretField("shop_word", "Shop word")], (_, _, _) => ValueTask.CompletedTask);
        var credentials = new AuthCredentials(AuthKind.Custom, "custom", new Dictionary<string, string> { ["shop"] = "acme-shop", ["shop_word"] = "open-sesame-42" });
        var redactor = Redactor.For(credentials, method);

        var text = redactor.Redact("login with open-sesame-42 for acme-shop");
        var json = redactor.Redact(JsonNode.Parse("""{"echo":{"shop_word":"open-sesame-42"}}"""))!.ToJsonString();

        text.ShouldBe("login with *** for acme-shop");
        json.ShouldNotContain("open-sesame-42");
    }
}
