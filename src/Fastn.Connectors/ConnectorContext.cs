using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fastn.Connectors;

/// <summary>
/// What a handler gets besides its input (<c>ctx</c>): the connection's credentials, an HTTP client
/// with auth and resilience built in, the tenant, a logger that redacts secrets, the connection's
/// metadata and a per-call idempotency key.
/// </summary>
public sealed class ConnectorContext
{
    /// <summary>The resolved credentials of the connection (<c>ctx.Auth</c>).</summary>
    public required AuthCredentials Auth { get; init; }

    /// <summary>The HTTP client for the app (<c>ctx.Http</c>).</summary>
    public required ConnectorHttpClient Http { get; init; }

    /// <summary>The customer the call is for (<c>ctx.Tenant</c>).</summary>
    public required TenantInfo Tenant { get; init; }

    /// <summary>Structured logging; values of secret fields are redacted by the runtime.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The id of the connection being used (empty in unit tests).</summary>
    public string ConnectionId { get; init; } = "";

    /// <summary>Non-secret facts kept on the connection (token-response extras, chosen org ids).</summary>
    public IReadOnlyDictionary<string, string> Metadata => Auth.Metadata;

    /// <summary>
    /// A key stable across retries of this one call (a flow step's is <c>runId:stepId</c>), to forward as
    /// the app's idempotency header (Stripe <c>Idempotency-Key</c>).
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The clock; use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can move time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
