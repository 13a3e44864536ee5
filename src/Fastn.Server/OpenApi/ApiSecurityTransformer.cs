using Fastn.Server.Security;
using Fastn.Storage.Workspaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fastn.Server.OpenApi;

/// <summary>
/// Declares how the API authenticates (DESIGN.md §6): the API key as <c>x-fastn-api-key</c> or as <c>Authorization: Bearer</c>,
/// required on every operation whose endpoint needs authorization, with the optional <c>x-fastn-space-tenantid</c> header
/// beside it. Operations open to anyone (the OAuth callback) stay unsecured, so Scalar's "Try it" sends the key only where it counts.
/// </summary>
internal sealed class ApiSecurityTransformer : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    /// <summary>The security scheme of the <c>x-fastn-api-key</c> header.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The security scheme of <c>Authorization: Bearer fk_…</c>.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The header the API key may be sent in.</summary>
    public const string ApiKeyHeader = "x-fastn-api-key";

    /// <summary>Whether an endpoint needs an authenticated caller.</summary>
    public static bool IsAuthenticated(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<IAuthorizeData>().Any() && !endpointMetadata.OfType<IAllowAnonymous>().Any();

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!IsAuthenticated(context.Description.ActionDescriptor.EndpointMetadata))
        {
            return Task.CompletedTask;
        }

        AddSchemes(context.Document!);
        // Two alternatives: either header carries the same key.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
        ];
        operation.Parameters ??= [];
        if (!operation.Parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, CallerContext.TenantHeader, StringComparison.OrdinalIgnoreCase)))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = CallerContext.TenantHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "The tenant (one of your customers, e.g. customer-42) the request acts for: " + TenantId.Rule + ". Endpoints that act for one tenant need it "
                    + "unless the API key is scoped to a tenant, which may only name its own tenant; workspace-wide lists without it cover every tenant.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = TenantId.MaxLength },
            });
        }

        return Task.CompletedTask;
    }

    // Also on the document, so the schemes are declared even before any secured operation is described.
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        AddSchemes(document);
        return Task.CompletedTask;
    }

    private static void AddSchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(ApiKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyHeader,
            Description = "A Fastn API key (fk_…). The admin key is printed at first start and kept in data/admin-api-key; create others with POST /api/v1/api-keys.",
        });
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "fk_…",
            Description = "The same API key as 'Authorization: Bearer fk_…'.",
        });
    }
}
