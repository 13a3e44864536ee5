using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Runs a connector's actions and triggers in a test the way the runtime does: a real
/// <see cref="ConnectorContext"/> whose <c>ctx.Http</c> applies the auth method to each request for the base URL's
/// origin (scheme, host and port; requests to any other host carry no credentials), resolves
/// relative URLs against the definition's <see cref="ConnectorDefinition.BaseUrl"/> (placeholders filled
/// from the credentials) and sends them to the handler you give (a <see cref="StubHttpHandler"/>, a fixture
/// replay, or a real handler). Inputs, outputs and polled records are checked against their schemas.
/// </summary>
public sealed class ConnectorTestHost : IDisposable
{
    private readonly HttpMessageHandler _transport;
    private readonly HttpClient _client;
    private AuthCredentials _credentials;
    private int _calls;

    /// <summary>Creates a host.</summary>
    /// <param name="definition">The connector under test.</param>
    /// <param name="credentials">The connection's credentials (test values).</param>
    /// <param name="handler">Where requests go; not disposed by the host.</param>
    /// <param name="authMethod">The auth method in use (default: the definition's default, or the one <paramref name="credentials"/> names).</param>
    /// <param name="time">The clock handlers see as <c>ctx.Time</c>.</param>
    /// <param name="baseUrl">Overrides the definition's base URL (record mode against another host).</param>
    public ConnectorTestHost(ConnectorDefinition definition, AuthCredentials credentials, HttpMessageHandler handler,
        AuthMethod? authMethod = null, TimeProvider? time = null, string? baseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(handler);
        Definition = definition;
        _credentials = credentials;
        AuthMethod = authMethod ?? definition.Auth.Find(credentials.MethodId) ?? definition.Auth.Default ?? new NoAuth();
        Time = time ?? TimeProvider.System;
        _transport = handler;
        BaseAddress = ResolveBaseUrl(baseUrl ?? definition.BaseUrl, credentials);
        _client = new HttpClient(new AuthenticatingHandler(AuthMethod, () => _credentials, CredentialScope.For(BaseAddress, definition.Capabilities.AllowedHosts), new NonDisposingHandler(handler)))
        {
            BaseAddress = BaseAddress,
        };
    }

    /// <summary>The connector under test.</summary>
    public ConnectorDefinition Definition { get; }

    /// <summary>The auth method applied to every request.</summary>
    public AuthMethod AuthMethod { get; }

    /// <summary>The current credentials (with the exchanged token once a custom exchange ran).</summary>
    public AuthCredentials Credentials => _credentials;

    /// <summary>The base address relative URLs resolve against, or <see langword="null"/> when the connector has none.</summary>
    public Uri? BaseAddress { get; }

    /// <summary>The clock handlers see.</summary>
    public TimeProvider Time { get; }

    /// <summary>The tenant handlers see (<c>ctx.Tenant</c>).</summary>
    public TenantInfo Tenant { get; init; } = new("ws_test", "tenant_test");

    /// <summary>Whether inputs, outputs and records are validated against their schemas (default on).</summary>
    public bool ValidateSchemas { get; init; } = true;

    /// <summary>Builds <paramref name="values"/> into credentials for <paramref name="method"/>; <c>access_token</c> becomes the access token.</summary>
    public static AuthCredentials CredentialsFor(AuthMethod method, IReadOnlyDictionary<string, string>? values = null, string? accessToken = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        values ??= new Dictionary<string, string>();
        return new AuthCredentials(method.Kind, method.EffectiveId, values,
            accessToken ?? (values.TryGetValue("access_token", out var token) ? token : null));
    }

    /// <summary>Fills <c>{param}</c> placeholders of a base URL from the credentials and ends it with <c>/</c>.</summary>
    public static Uri? ResolveBaseUrl(string? template, AuthCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        var values = new Dictionary<string, string>(credentials.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in credentials.Values)
        {
            values[key] = value;
        }

        var url = OAuth2Auth.ResolveTemplate(template, values);
        if (url.Contains('{', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The base URL '{template}' still has a placeholder after filling it from the credentials: add the value to the test credentials.");
        }

        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }

    /// <summary>Runs a custom auth method's token exchange once, when it has one and no token is present yet.</summary>
    public async Task AuthenticateAsync(CancellationToken cancellationToken = default)
    {
        if (AuthMethod is CustomAuth { Exchange: { } exchange } && _credentials.AccessToken is null)
        {
            using var plain = new HttpClient(new NonDisposingHandler(_transport)) { BaseAddress = BaseAddress };
            var token = await exchange(_credentials, plain, cancellationToken).ConfigureAwait(false);
            _credentials = _credentials.WithAccessToken(token.AccessToken, token.ExpiresAt);
        }
    }

    /// <summary>Creates the <c>ctx</c> a handler receives, with a fresh idempotency key.</summary>
    public ConnectorContext CreateContext()
    {
        var call = Interlocked.Increment(ref _calls);
        var key = $"test-run:{call}";
        return new ConnectorContext
        {
            Auth = _credentials,
            Http = new ConnectorHttpClient(_client, Definition.JsonOptions, idempotencyKey: key, time: Time),
            Tenant = Tenant,
            IdempotencyKey = key,
            ConnectionId = "conn_test",
            Time = Time,
        };
    }

    /// <summary>
    /// Runs an action on JSON input. Throws <see cref="ConnectorValidationException"/> (with the failing path)
    /// when the input does not match the input schema, and <see cref="SchemaViolationException"/> when the
    /// output does not match the output schema; the handler's own exceptions pass through.
    /// </summary>
    public async Task<JsonNode?> RunActionAsync(string actionName, JsonNode? input, CancellationToken cancellationToken = default)
    {
        var action = Definition.FindAction(actionName)
            ?? throw new ArgumentException($"{Definition.Name} has no action '{actionName}' (it has: {string.Join(", ", Definition.Actions.Select(a => a.Name))}).", nameof(actionName));
        if (ValidateSchemas)
        {
            var errors = SchemaCheck.Validate(action.InputSchema, input ?? new JsonObject());
            if (errors.Count > 0)
            {
                throw new ConnectorValidationException(
                    $"The input of {Definition.Name}.{action.Name} does not match its schema: {string.Join("; ", errors)}", errors[0].Path);
            }
        }

        await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        var output = await action.InvokeAsync(input, CreateContext(), cancellationToken).ConfigureAwait(false);
        if (ValidateSchemas)
        {
            var errors = SchemaCheck.Validate(action.OutputSchema, output);
            if (errors.Count > 0)
            {
                throw new SchemaViolationException($"{Definition.Name}: actions.{action.Name} output", errors);
            }
        }

        return output;
    }

    /// <summary>Runs an action on typed input and reads its output as <typeparamref name="TOutput"/>.</summary>
    public async Task<TOutput?> RunActionAsync<TOutput>(string actionName, object? input, JsonSerializerOptions? json = null,
        CancellationToken cancellationToken = default)
    {
        json ??= ConnectorJson.Options;
        var output = await RunActionAsync(actionName, JsonSerializer.SerializeToNode(input, json), cancellationToken).ConfigureAwait(false);
        return output is null ? default : output.Deserialize<TOutput>(json);
    }

    /// <summary>
    /// Polls a trigger from the first page, following <see cref="PollPage{T}.NextCursor"/> until it is
    /// <see langword="null"/>, and returns every record. Fails when a cursor repeats or
    /// <paramref name="maxPages"/> is exceeded (a cursor that never ends).
    /// </summary>
    public async Task<IReadOnlyList<PolledRecord>> PollAllAsync(string triggerName, DateTimeOffset? since = null, int maxPages = 100,
        CancellationToken cancellationToken = default)
    {
        var trigger = Definition.FindTrigger(triggerName) as PollTriggerDefinition
            ?? throw new ArgumentException($"{Definition.Name} has no poll trigger '{triggerName}'.", nameof(triggerName));
        await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<PolledRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 1; ; page++)
        {
            if (page > maxPages)
            {
                throw new InvalidOperationException($"{Definition.Name}: triggers.{trigger.Name} returned more than {maxPages} pages; does its cursor ever end?");
            }

            var result = await trigger.FetchPageAsync(new PollRequest(cursor, since), CreateContext(), cancellationToken).ConfigureAwait(false);
            foreach (var record in result.Records)
            {
                if (ValidateSchemas && SchemaCheck.Validate(trigger.RecordSchema, record.Record) is { Count: > 0 } errors)
                {
                    throw new SchemaViolationException($"{Definition.Name}: triggers.{trigger.Name} record '{record.Id}' (page {page})", errors);
                }

                records.Add(record);
            }

            if (result.NextCursor is null)
            {
                return records;
            }

            if (!seen.Add(result.NextCursor))
            {
                throw new InvalidOperationException($"{Definition.Name}: triggers.{trigger.Name} returned the cursor '{result.NextCursor}' twice (page {page}); polling would loop forever.");
            }

            cursor = result.NextCursor;
        }
    }

    /// <summary>Verifies a webhook delivery with the trigger's verifier, the given secret, clock and tolerance.</summary>
    public WebhookVerification VerifyWebhook(string triggerName, WebhookRequest request, string secret, TimeProvider? time = null, TimeSpan? tolerance = null)
    {
        var trigger = WebhookTrigger(triggerName);
        var context = new WebhookVerificationContext { SigningSecret = secret, Time = time ?? Time };
        return trigger.Verify(request, tolerance is { } t ? context with { Tolerance = t } : context);
    }

    /// <summary>Extracts the events of a (verified) delivery with the trigger's extractor.</summary>
    public IReadOnlyList<WebhookEvent> ExtractWebhook(string triggerName, WebhookRequest request) => WebhookTrigger(triggerName).Extract(request);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private WebhookTriggerDefinition WebhookTrigger(string name) =>
        Definition.FindTrigger(name) as WebhookTriggerDefinition
        ?? throw new ArgumentException($"{Definition.Name} has no webhook trigger '{name}'.", nameof(name));
}
