using Scalar.AspNetCore;

namespace Fastn.Server.OpenApi;

/// <summary>
/// The API's self-description: the OpenAPI document at <c>/openapi/v1.json</c> (security schemes, the tenant header,
/// response schemas that say every property is sent) and the Scalar explorer at <c>/scalar</c>, which loads nothing
/// from the internet (its script is served by this server; no web fonts, telemetry or AI agent).
/// </summary>
public static class FastnOpenApi
{
    /// <summary>Where the API explorer is served.</summary>
    public const string ExplorerPath = "/scalar";

    /// <summary>Registers the OpenAPI document <c>v1</c> and its transformers.</summary>
    public static IServiceCollection AddFastnOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // /mcp speaks MCP (JSON-RPC over Streamable HTTP) and describes itself with tools/list, not with OpenAPI.
            var include = o.ShouldInclude;
            o.ShouldInclude = d => include(d) && !IsMcp(d.RelativePath);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Fastn API";
                document.Info.Description = "The Fastn REST API. Authenticate with an API key (x-fastn-api-key or Authorization: Bearer); "
                    + "name the tenant in x-fastn-space-tenantid. Every error is application/problem+json with a stable 'type'.";
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer<ApiSecurityTransformer>();
            o.AddOperationTransformer<ApiSecurityTransformer>();
            o.AddSchemaTransformer<ResponseSchemaTransformer>();
            o.AddSchemaTransformer<ProblemSchemaTransformer>();
            o.AddDocumentTransformer<ResponseSchemaTransformer>();
        });

    private static bool IsMcp(string? relativePath) =>
        relativePath is not null && (relativePath.Equals("mcp", StringComparison.OrdinalIgnoreCase) || relativePath.StartsWith("mcp/", StringComparison.OrdinalIgnoreCase));

    /// <summary>Maps the Scalar API explorer at <see cref="ExplorerPath"/>, self-contained.</summary>
    public static IEndpointConventionBuilder MapFastnApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ExplorerPath, o => o
            .WithTitle("Fastn API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(ApiSecurityTransformer.ApiKeyScheme));
}
