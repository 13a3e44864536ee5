using System.Diagnostics;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Connectors.Schema;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Http;
using Fastn.Engine.Registry;
using Fastn.Storage;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Execution;

/// <summary>
/// The one path every action call takes — REST, flows and MCP: load the connection, validate input,
/// build <c>ctx</c>, run the handler with a timeout, validate output, record the call (redacted).
/// </summary>
public sealed class ActionExecutor(
    ConnectorRegistry registry,
    ICredentialBroker credentials,
    IActionCallLog callLog,
    IHttpMessageHandlerFactory handlers,
    ConnectionRateLimiters rateLimiters,
    IIdGenerator ids,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    private const int MaxLoggedOutput = 16 * 1024;
    private const int MaxQuotedUpstream = 4 * 1024;
    private const string CancelledType = "fastn:cancelled";
    private readonly ILogger _logger = loggerFactory.CreateLogger<ActionExecutor>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ILogger> _connectorLoggers = new(StringComparer.Ordinal);

    /// <summary>Runs an action; failures are thrown as <see cref="FastnException"/>.</summary>
    public async Task<ActionCallResult> ExecuteAsync(ActionCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (opened, connector) = await OpenConnectorAsync(request, cancellationToken).ConfigureAwait(false);
        var action = connector.Definition.FindAction(request.Action)
            ?? throw FastnException.NotFound($"The connector '{connector.Definition.Name}' has no action '{request.Action}'. It has: {string.Join(", ", connector.Definition.Actions.Select(a => a.Name))}.");
        return await RunAsync(request, opened, connector, action, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs connector code that is not one of its declared actions (a trigger's subscribe or unsubscribe handler) on
    /// the same path as an action: the connection's credentials with refresh, the scoped HTTP client, the timeout,
    /// error mapping and a call-log record under <paramref name="action"/>'s name.
    /// </summary>
    internal async Task<ActionCallResult> RunHandlerAsync(ActionCallRequest request, ActionDefinition action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(action);
        var (opened, connector) = await OpenConnectorAsync(request, cancellationToken).ConfigureAwait(false);
        return await RunAsync(request, opened, connector, action, cancellationToken).ConfigureAwait(false);
    }

    // The caller's connection (owned by its tenant) and the connector it belongs to, or the not-found error saying which is missing.
    private async Task<(OpenedConnection Opened, RegisteredConnector Connector)> OpenConnectorAsync(ActionCallRequest request, CancellationToken cancellationToken)
    {
        if (!RowIds.IsWellFormed(request.ConnectionId))
        {
            throw FastnException.NotFound($"There is no connection {ProblemText.Quote(request.ConnectionId)}: connection ids look like conn_01J… (letters, digits and '_').");
        }

        var opened = await OpenAsync(request, cancellationToken).ConfigureAwait(false)
            ?? throw FastnException.NotFound($"Connection '{request.ConnectionId}' does not exist for tenant '{request.Tenant.TenantId}'. List the tenant's connections to find the right id.");
        var connector = registry.Find(opened.Info.Connector)
            ?? throw FastnException.NotFound($"The connector '{opened.Info.Connector}' of this connection is not registered on this server.");
        return (opened, connector);
    }

    private async Task<ActionCallResult> RunAsync(ActionCallRequest request, OpenedConnection opened, RegisteredConnector connector, ActionDefinition action,
        CancellationToken cancellationToken)
    {
        var connection = opened.Info;
        EnsureUsable(connection);

        var input = request.Input ?? new JsonObject();
        if (SchemaValidator.ValidateInput(action.InputSchema, input) is { } invalid)
        {
            throw FastnException.Validation($"The input is not valid at {invalid.Path}: {invalid.Message}", invalid.Path);
        }

        var method = connector.Definition.Auth.Find(connection.AuthMethod) ?? connector.Definition.Auth.Default ?? new NoAuth();
        var callId = ids.NewId("call");
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var activity = EngineTelemetry.ActivitySource.StartActivity("fastn.action " + connector.Definition.Name + "." + action.Name);
        activity?.SetTag("fastn.connector", connector.Definition.Name);
        activity?.SetTag("fastn.action", action.Name);
        activity?.SetTag("fastn.connection", connection.Id);

        var current = opened.Credentials ?? AuthCredentials.Empty;
        var redactor = Redactor.For(current, method);
        var redactorGate = new Lock();
        try
        {
            var refreshable = method is OAuth2Auth { SupportsRefresh: true } or CustomAuth { Exchange: not null };
            var output = await InvokeAsync(connector.Definition, action, method, connection, current, input,
                request.IdempotencyKey ?? ids.NewId("idem"),
                refreshable ? async (stale, ct) =>
                {
                    var fresh = await credentials.RefreshAsync(connection, stale, ct).ConfigureAwait(false);
                    // A token obtained mid-call may be echoed in the output or an error: mask it as well as the old one.
                    lock (redactorGate)
                    {
                        redactor = redactor.Including(fresh, method);
                    }

                    return fresh;
                } : null,
                cancellationToken).ConfigureAwait(false);
            // Typed actions produce their output from the type the schema was generated from.
            if (!action.OutputMatchesSchemaByConstruction && SchemaValidator.Validate(action.OutputSchema, output) is { } badOutput)
            {
                throw new FastnException("fastn:invalid-output", ErrorCategory.Internal, "The connector returned an invalid output",
                    $"The action '{action.Name}' produced output that does not match its schema at {badOutput.Path}: {badOutput.Message}. This is a connector bug.", badOutput.Path);
            }

            stopwatch.Stop();
            await RecordAsync(callId, request, connection, action, started, stopwatch.Elapsed, redactor, input, output, null).ConfigureAwait(false);
            Measure(connector.Definition.Name, action.Name, "success", stopwatch.Elapsed);
            return new ActionCallResult(callId, output, stopwatch.Elapsed) { Redactor = redactor };
        }
        catch (Exception ex) when (Problem(ex, action, cancellationToken) is { } problem)
        {
            stopwatch.Stop();
            activity?.SetStatus(ActivityStatusCode.Error, problem.Code);
            var safe = Sanitize(problem, redactor);
            await RecordAsync(callId, request, connection, action, started, stopwatch.Elapsed, redactor, input, null, safe).ConfigureAwait(false);
            Measure(connector.Definition.Name, action.Name, problem.Code, stopwatch.Elapsed);
            _logger.LogInformation("Action {Connector}.{Action} on {Connection} failed: {Type} {Detail}",
                connector.Definition.Name, action.Name, connection.Id, safe.Code, safe.Detail);
            throw safe;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away, but the request may already have reached the app: the call is still recorded.
            stopwatch.Stop();
            await RecordAsync(callId, request, connection, action, started, stopwatch.Elapsed, redactor, input, null,
                new FastnException(CancelledType, ErrorCategory.Cancelled, "The call was cancelled",
                    "The caller cancelled the call before it finished; the app may or may not have processed the request."),
                cancelled: true).ConfigureAwait(false);
            Measure(connector.Definition.Name, action.Name, CancelledType, stopwatch.Elapsed);
            throw;
        }
    }

    /// <summary>
    /// Runs the connector's test action with credentials that are not stored yet, so a connection is only
    /// saved once its credentials work. Failures are thrown as <c>fastn:credentials-rejected</c> problems.
    /// </summary>
    public async Task TestCredentialsAsync(ConnectorDefinition definition, AuthMethod method, AuthCredentials candidate, TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var action = definition.Capabilities.TestAction is { } name ? definition.FindAction(name) : null;
        if (action is null)
        {
            return;
        }

        var connection = new ConnectionInfo("", tenant, definition.Name, method.EffectiveId, ConnectionState.Active, null);
        var redactor = Redactor.For(candidate, method);
        try
        {
            await InvokeAsync(definition, action, method, connection, candidate, new JsonObject(), ids.NewId("test"), refresh: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Problem(ex, action, cancellationToken) is { } problem)
        {
            var safe = Sanitize(problem, redactor);
            // Only a refusal says something about the credentials: an app that could not be reached, was
            // rate limiting or failed on its side keeps its own category, so the user retries instead of re-typing.
            if (safe.Retryable || safe.Category is ErrorCategory.Unreachable or ErrorCategory.RateLimited or ErrorCategory.Internal)
            {
                throw safe.WithDetail($"The test call '{action.Name}' did not get an answer about the credentials, so nothing was connected: {safe.Detail}");
            }

            var rejected = new FastnException("fastn:credentials-rejected", ErrorCategory.Validation, "The credentials did not work",
                $"The test call '{action.Name}' failed, so nothing was connected: {safe.Detail}", null);
            foreach (var (key, value) in safe.Extensions)
            {
                rejected.Extensions[key] = value;
            }

            throw rejected;
        }
    }

    /// <summary>Runs a custom auth method's token exchange with the connector HTTP pipeline (no auth applied).</summary>
    public async Task<ExchangedToken> ExchangeAsync(ConnectorDefinition definition, AuthMethod method, AuthCredentials candidate,
        Func<AuthCredentials, HttpClient, CancellationToken, Task<ExchangedToken>> exchange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(exchange);
        using var client = new HttpClient(handlers.CreateHandler(ConnectorHttpClientRegistration.ClientName), disposeHandler: false);
        if (definition.BaseUrl is { } baseUrl)
        {
            client.BaseAddress = new Uri(OAuth2Auth.ResolveTemplate(baseUrl, candidate.Values).TrimEnd('/') + "/");
        }

        try
        {
            return await exchange(candidate, client, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new FastnException("fastn:unreachable", ErrorCategory.Unreachable, "Could not reach the app",
                $"Exchanging the credentials for a token could not reach the app, so nothing was connected: {Redactor.For(candidate, method).Redact(ex.Message)} Try again later.");
        }
        catch (ConnectorException ex)
        {
            throw new FastnException("fastn:credentials-rejected", ErrorCategory.Validation, "The credentials did not work",
                $"Exchanging the credentials for a token failed, so nothing was connected: {Redactor.For(candidate, method).Redact(ex.Message)}");
        }
    }

    private async Task<JsonNode?> InvokeAsync(ConnectorDefinition definition, ActionDefinition action, AuthMethod method,
        ConnectionInfo connection, AuthCredentials current, JsonNode input, string idempotencyKey,
        Func<string?, CancellationToken, Task<AuthCredentials>>? refresh, CancellationToken cancellationToken)
    {
        var latest = current;
        Uri? baseAddress = null;
        if (definition.BaseUrl is { } baseUrl)
        {
            var values = current.Values.Concat(current.Metadata).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value);
            baseAddress = new Uri(OAuth2Auth.ResolveTemplate(baseUrl, values).TrimEnd('/') + "/");
        }

        using var handler = new ConnectionAuthHandler(method,
            _ => Task.FromResult(latest),
            refresh is null ? null : async (stale, ct) => latest = await refresh(stale, ct).ConfigureAwait(false),
            connection.Id.Length == 0 ? null : rateLimiters.For(connection.Id, definition),
            CredentialScope.For(baseAddress, definition.Capabilities.AllowedHosts),
            handlers.CreateHandler(ConnectorHttpClientRegistration.ClientName));
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = baseAddress };

        var context = new ConnectorContext
        {
            Auth = current,
            Http = new ConnectorHttpClient(client, definition.JsonOptions, idempotencyKey, action.Hints.Idempotent, time),
            Tenant = connection.Tenant,
            Logger = _connectorLoggers.GetOrAdd(definition.Name, name => loggerFactory.CreateLogger($"Fastn.Connectors.{name}")),
            ConnectionId = connection.Id,
            IdempotencyKey = idempotencyKey,
            Time = time,
        };

        // The injected clock runs the timeout, so tests (and hosts with their own clock) control it.
        using var timeout = new CancellationTokenSource(action.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await action.InvokeAsync(input, context, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FastnException("fastn:timeout", ErrorCategory.Unreachable, "The app did not answer in time",
                $"The action '{action.Name}' did not finish within {action.Timeout.TotalSeconds:0.#} s; the app may be slow or unreachable. Try again later.", null, ex);
        }
    }

    private async Task<OpenedConnection?> OpenAsync(ActionCallRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await credentials.OpenAsync(request.Tenant, request.ConnectionId, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthRequiredException ex)
        {
            throw new FastnException(ex.ProblemType, ErrorCategory.AuthRequired, "The connection needs to be re-authorized", ex.Message, null, ex);
        }
        catch (UpstreamException ex)
        {
            throw new FastnException(ex.ProblemType, ErrorCategory.Upstream, "Could not refresh the connection's token", ex.Message, null, ex) { Retryable = true };
        }
    }

    private static void EnsureUsable(ConnectionInfo connection)
    {
        switch (connection.Status)
        {
            case ConnectionState.NeedsReauth:
                throw new FastnException("fastn:auth-required", ErrorCategory.AuthRequired, "The connection needs to be re-authorized",
                    $"Connection '{connection.Id}' needs the user to connect again: {connection.StatusReason ?? "the app rejected its credentials"}. Reconnect it (same id) to go on.");
            case ConnectionState.Revoked:
                throw FastnException.Conflict($"Connection '{connection.Id}' was revoked; create a new connection.");
        }
    }

    private static FastnException? Problem(Exception ex, ActionDefinition action, CancellationToken cancellationToken) => ex switch
    {
        FastnException p => p,
        AuthRequiredException a => new FastnException(a.ProblemType, ErrorCategory.AuthRequired, "The app refused the credentials", a.Message, null, a),
        RateLimitedException r => new FastnException(r.ProblemType, ErrorCategory.RateLimited, "The app is rate limiting this connection", r.Message, null, r) { RetryAfter = r.RetryAfter },
        ResponseTooLargeException t => new FastnException(t.ProblemType, ErrorCategory.Upstream, "The app's response is too large", t.Message, null, t),
        UpstreamException u => WithUpstream(u.StatusCode == 0
            ? new FastnException(u.ProblemType, ErrorCategory.Unreachable, "Could not reach the app", u.Message, null, u)
            : new FastnException(u.ProblemType, ErrorCategory.Upstream, "The app returned an error", u.Message, null, u) { Retryable = u.StatusCode >= 500 }, u),
        ConnectorValidationException v => new FastnException(v.ProblemType, ErrorCategory.Validation, "The request is not valid", v.Message, v.Path is null ? null : "$" + (v.Path.StartsWith('$') ? v.Path[1..] : "." + v.Path), v),
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        HttpRequestException h => new FastnException("fastn:unreachable", ErrorCategory.Unreachable, "Could not reach the app", $"Could not reach the app: {h.Message}", null, h),
        _ => new FastnException("fastn:connector-error", ErrorCategory.Internal, "The connector failed",
            $"The action '{action.Name}' failed with {ex.GetType().Name}: {ex.Message}. This is a connector bug; the call was logged.", null, ex),
    };

    private static FastnException WithUpstream(FastnException problem, UpstreamException upstream)
    {
        problem.Extensions["upstreamStatus"] = upstream.StatusCode;
        problem.Extensions["upstreamBody"] = upstream.Body;
        return problem;
    }

    private static FastnException Sanitize(FastnException problem, Redactor redactor)
    {
        return problem.WithDetail(Shorten(redactor.Redact(problem.Detail)), value => value is string s ? Shorten(redactor.Redact(s)) : value);
    }

    // An app's body quoted by a connector (or an exception message) is cut, so a problem or log line stays small.
    // Redact first: cutting first could split a secret and leave its start unmasked.
    private static string Shorten(string text) =>
        text.Length <= MaxQuotedUpstream ? text : string.Concat(text.AsSpan(0, MaxQuotedUpstream), "…");

    // Never cancelled: the call has happened, so its record is kept whether or not the caller is still waiting.
    private async Task RecordAsync(string callId, ActionCallRequest request, ConnectionInfo connection, ActionDefinition action,
        DateTimeOffset started, TimeSpan duration, Redactor redactor, JsonNode input, JsonNode? output, FastnException? problem, bool cancelled = false)
    {
        var outputText = output is null ? null : RedactedJson(redactor, output, "output");
        if (outputText is { Length: > MaxLoggedOutput })
        {
            outputText = outputText[..MaxLoggedOutput] + "…";
        }

        try
        {
            await callLog.RecordAsync(new ActionCallRecord
            {
                Id = callId,
                WorkspaceId = connection.Tenant.WorkspaceId,
                TenantId = connection.Tenant.TenantId,
                ConnectionId = connection.Id,
                Connector = connection.Connector,
                Action = action.Name,
                Caller = request.Caller,
                Succeeded = problem is null,
                Cancelled = cancelled,
                ErrorType = problem?.Code,
                ErrorDetail = problem?.Detail,
                UpstreamStatus = problem?.Extensions.TryGetValue("upstreamStatus", out var s) == true ? s as int? : null,
                Input = RedactedJson(redactor, input, "input"),
                Output = outputText,
                StartedAt = started,
                Duration = duration,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The call itself happened; a failing log write must not turn its result into an error.
            _logger.LogError(ex, "Could not record action call {CallId}", callId);
        }
    }

    /// <summary>
    /// Redacted JSON text, or a placeholder when the value cannot be serialised (duplicate keys, a lone surrogate):
    /// such input can still run, and the call must be recorded whatever it was given.
    /// </summary>
    internal static string RedactedJson(Redactor redactor, JsonNode? value, string what)
    {
        try
        {
            return redactor.Redact(value)?.ToJsonString() ?? "null";
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return new JsonObject { ["$unserializable"] = $"The {what} could not be serialised ({ex.GetType().Name}); it is not stored." }.ToJsonString();
        }
    }

    private static void Measure(string connector, string action, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "connector", connector }, { "action", action }, { "outcome", outcome } };
        EngineTelemetry.ActionCalls.Add(1, tags);
        EngineTelemetry.ActionDuration.Record(duration.TotalMilliseconds, tags);
    }
}
