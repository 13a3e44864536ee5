using System.Globalization;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

/// <summary>Events API request bodies exactly as Slack sends them.</summary>
internal static class SlackEventBodies
{
    public static string AppMention(string eventId, DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"team_id\":\"T0123ABCD\",\"api_app_id\":\"A0123ABCDE\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U0123ABCDE\",\"text\":\"<@U0BOTUSER1> what's the status?\",\"ts\":\"" + seconds + ".000200\",\"channel\":\"C0123ABCDE\","
            + "\"event_ts\":\"" + seconds + ".000200\"},\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":" + seconds
            + ",\"authorizations\":[{\"enterprise_id\":null,\"team_id\":\"T0123ABCD\",\"user_id\":\"U0BOTUSER1\",\"is_bot\":true,\"is_enterprise_install\":false}],"
            + "\"is_ext_shared_channel\":false,\"event_context\":\"4-eyJldCI6ImFwcF9tZW50aW9uIn0\"}";
    }

    public const string UrlVerification =
        """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";
}
