using System.Globalization;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>Webhook bodies in Xero's format.</summary>
internal static class XeroWebhookSamples
{
    public const string TenantId = "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f";
    public const string ResourceId = "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777";

    public static string Body(string category, string resource, string type, DateTimeOffset at) =>
        $$"""{"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/{{resource}}/{{ResourceId}}","resourceId":"{{ResourceId}}","eventDateUtc":"{{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture)}}","eventType":"{{type}}","eventCategory":"{{category}}","tenantId":"{{TenantId}}","tenantType":"ORGANISATION"}],"lastEventSequence":1,"firstEventSequence":1,"entropy":"S0m3r4Nd0mt3xt"}""";

    public const string IntentToReceive = """{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"YSXCMKAQBJOEMGUZEPFZ"}""";
}
