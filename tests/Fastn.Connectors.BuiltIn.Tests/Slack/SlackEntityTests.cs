using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Slack;
using Fastn.Connectors.Capabilities;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

public sealed class SlackEntityTests
{
    private static readonly JsonObject Ada = JsonNode.Parse("""
        {"id":"U0123ABCDE","team_id":"T0123ABCD","name":"ada.lovelace","deleted":false,"real_name":"Ada Lovelace","is_admin":true,"updated":1717243200,
         "profile":{"email":"ada@example.com","real_name":"Ada King Lovelace","title":"Analyst","phone":"+44 20 7946 0018","image_192":"https://avatars.example/ada_192.png"}}
        """)!.AsObject();

    [Fact]
    public void User_ToCdm_MapsProfileRoleAndActivity()
    {
        var cdm = SlackConnector.Definition.FindEntity("user")!.ToCdm(Ada);

        cdm["id"]!.GetValue<string>().ShouldBe("U0123ABCDE");
        cdm["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        cdm["name"]!.GetValue<string>().ShouldBe("Ada Lovelace");
        cdm["username"]!.GetValue<string>().ShouldBe("ada.lovelace");
        cdm["avatarUrl"]!.GetValue<string>().ShouldBe("https://avatars.example/ada_192.png");
        cdm["role"]!.GetValue<string>().ShouldBe("admin");
        cdm["active"]!.GetValue<bool>().ShouldBeTrue();
        cdm["updatedAt"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1717243200));
    }

    [Fact]
    public void Contact_ToCdm_SplitsRealNameWhenFirstAndLastAreMissing()
    {
        var cdm = SlackConnector.Definition.FindEntity("contact")!.ToCdm(Ada);

        cdm["firstName"]!.GetValue<string>().ShouldBe("Ada");
        cdm["lastName"]!.GetValue<string>().ShouldBe("King Lovelace");
        cdm["phone"]!.GetValue<string>().ShouldBe("+44 20 7946 0018");
        cdm["customFields"]!["title"]!.GetValue<string>().ShouldBe("Analyst");
    }

    [Fact]
    public void Message_ToCdm_TurnsTsIntoIdAndTime()
    {
        var message = JsonNode.Parse("""{"ts":"1717243200.000100","channel":"C0123ABCDE","user":"U0123ABCDE","text":"hi","thread_ts":"1717243100.000200","edited":{"user":"U0123ABCDE","ts":"1717243260.000000"}}""")!.AsObject();

        var cdm = SlackConnector.Definition.FindEntity("message")!.ToCdm(message);

        cdm["id"]!.GetValue<string>().ShouldBe("1717243200.000100");
        cdm["channelId"]!.GetValue<string>().ShouldBe("C0123ABCDE");
        cdm["senderId"]!.GetValue<string>().ShouldBe("U0123ABCDE");
        cdm["threadId"]!.GetValue<string>().ShouldBe("1717243100.000200");
        cdm["sentAt"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1717243200000).AddTicks(1000));
        cdm["editedAt"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1717243260));
    }

    [Theory]
    [InlineData("user", 8, 9)]
    [InlineData("contact", 7, 11)]
    [InlineData("message", 8, 8)]
    public void Coverage_OfEachEntity_IsWhatTheReadmeStates(string entity, int mapped, int total)
    {
        var coverage = CdmCoverage.Of(SlackConnector.Definition.FindEntity(entity)!).ShouldNotBeNull();

        coverage.Mapped.Count.ShouldBe(mapped, string.Join(", ", coverage.Mapped));
        (coverage.Mapped.Count + coverage.Unmapped.Count).ShouldBe(total);
        coverage.MissingRequired.ShouldBeEmpty();
    }
}
