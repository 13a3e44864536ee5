using Fastn.Connectors.BuiltIn.Salesforce;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Salesforce;

/// <summary>The SDK's conformance suite over the fixtures in Fixtures/salesforce (Salesforce has no webhook triggers: its change feed is polled).</summary>
public sealed class SalesforceConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => SalesforceConnector.Definition;
}
