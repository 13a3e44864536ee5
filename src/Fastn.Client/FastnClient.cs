using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fastn.Client.Errors;
using Fastn.Client.Models;

namespace Fastn.Client;

/// <summary>
/// Typed client for the Fastn REST API (<c>/api/v1</c>). Every call authenticates with the API key and, where a
/// tenant is set, acts for that tenant (<c>x-fastn-space-tenantid</c>). Errors arrive as <see cref="FastnApiException"/>
/// and its subclasses. Thread-safe; create one per server and key and reuse it.
/// </summary>
public sealed partial class FastnClient : IDisposable
{
    /// <summary>The header that names the tenant a request acts for.</summary>
    public const string TenantHeader = "x-fastn-space-tenantid";

    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _apiKey;
    private readonly JsonSerializerOptions _actionJson;

    /// <summary>A client over <paramref name="httpClient"/> (e.g. from <c>IHttpClientFactory</c>); the base URL defaults to its <c>BaseAddress</c>.</summary>
    public FastnClient(HttpClient httpClient, FastnClientOptions options)
        : this(httpClient, ownsHttp: false, options?.BaseUrl ?? httpClient?.BaseAddress, options?.ApiKey, options?.TenantId, options?.ActionSerializerOptions)
    {
    }

    /// <summary>A client over <paramref name="httpClient"/>, whose <c>BaseAddress</c> must be the Fastn server.</summary>
    public FastnClient(HttpClient httpClient, string? apiKey, string? tenantId = null)
        : this(httpClient, ownsHttp: false, httpClient?.BaseAddress, apiKey, tenantId, null)
    {
    }

    /// <summary>A client for the server at <paramref name="baseUrl"/> with its own HttpClient (disposed with this client).</summary>
    public FastnClient(Uri baseUrl, string apiKey, string? tenantId = null)
        : this(new HttpClient(), ownsHttp: true, baseUrl, apiKey, tenantId, null)
    {
    }

    /// <summary>A client for the server at <paramref name="baseUrl"/> (e.g. <c>http://localhost:5173</c>) with its own HttpClient.</summary>
    public FastnClient(string baseUrl, string apiKey, string? tenantId = null)
        : this(new Uri(baseUrl ?? throw new ArgumentNullException(nameof(baseUrl)), UriKind.Absolute), apiKey, tenantId)
    {
    }

    private FastnClient(HttpClient? http, bool ownsHttp, Uri? baseUrl, string? apiKey, string? tenantId, JsonSerializerOptions? actionJson)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (baseUrl is null || !baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The Fastn server URL is required (FastnClientOptions.BaseUrl or the HttpClient's BaseAddress), e.g. http://localhost:5173.", nameof(baseUrl));
        }

        _http = http;
        _ownsHttp = ownsHttp;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _apiKey = apiKey;
        TenantId = tenantId;
        _actionJson = actionJson ?? Api;
    }

    /// <summary>The server's base URL (ends with <c>/</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The tenant requests act for, or null for workspace-level calls.</summary>
    public string? TenantId { get; }

    /// <summary>A client for the same server and key acting for <paramref name="tenantId"/>; shares this client's connection pool.</summary>
    public FastnClient WithTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new FastnClient(_http, ownsHttp: false, BaseUrl, _apiKey, tenantId, _actionJson);
    }

    // ---- Connectors

    /// <summary>Lists connectors, optionally filtered by free text, category and auth kind (<c>OAuth2</c>, <c>ApiKey</c>…).</summary>
    public Task<IReadOnlyList<ConnectorSummary>> ListConnectorsAsync(string? search = null, string? category = null, string? authKind = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ConnectorSummary>>(HttpMethod.Get, "connectors" + Query(("search", search), ("category", category), ("authKind", authKind)), null, cancellationToken);

    /// <summary>A connector's auth methods, actions with schemas, triggers, entities and CDM coverage.</summary>
    public Task<ConnectorDetail> GetConnectorAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectorDetail>(HttpMethod.Get, "connectors/" + Segment(name), null, cancellationToken);

    // ---- Tenants

    /// <summary>Lists the workspace's tenants (needs a workspace key).</summary>
    public Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<Tenant>>(HttpMethod.Get, "tenants", null, cancellationToken);

    /// <summary>Creates a tenant (one of your customers) with your own id for it.</summary>
    public Task<Tenant> CreateTenantAsync(string id, string? name = null, CancellationToken cancellationToken = default) =>
        SendAsync<Tenant>(HttpMethod.Post, "tenants", new { id, name }, cancellationToken);

    /// <summary>Gets a tenant.</summary>
    public Task<Tenant> GetTenantAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<Tenant>(HttpMethod.Get, "tenants/" + Segment(id), null, cancellationToken);

    // ---- Connections

    /// <summary>Connects an account with credentials for the current tenant; the connector's test call verifies them first.</summary>
    public Task<Connection> CreateConnectionAsync(CreateConnectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<Connection>(HttpMethod.Post, "connections", request, cancellationToken);
    }

    /// <summary>Lists connections of the current tenant (or of the whole workspace when no tenant is set), optionally of one connector.</summary>
    public Task<IReadOnlyList<Connection>> ListConnectionsAsync(string? connector = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<Connection>>(HttpMethod.Get, "connections" + Query(("connector", connector)), null, cancellationToken);

    /// <summary>Gets a connection: its status and reason, never credentials.</summary>
    public Task<Connection> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Get, "connections/" + Segment(connectionId), null, cancellationToken);

    /// <summary>Runs the connector's test call on a connection.</summary>
    public Task<ConnectionTestResult> TestConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionTestResult>(HttpMethod.Post, "connections/" + Segment(connectionId) + "/test", null, cancellationToken);

    /// <summary>Replaces a credential connection's credentials, keeping its id (OAuth connections: <see cref="StartConnectAsync"/> with a connection id).</summary>
    public Task<Connection> ReconnectAsync(string connectionId, IReadOnlyDictionary<string, string> credentials, CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Post, "connections/" + Segment(connectionId) + "/reconnect", new { credentials }, cancellationToken);

    /// <summary>Deletes a connection and its stored credentials.</summary>
    public Task DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, "connections/" + Segment(connectionId), null, cancellationToken);

    /// <summary>One page of a connection's action-call log, newest first; pass <see cref="ActionCallPage.NextCursor"/> for the next.</summary>
    public Task<ActionCallPage> ListCallsAsync(string connectionId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<ActionCallPage>(HttpMethod.Get, "connections/" + Segment(connectionId) + "/calls"
            + Query(("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("cursor", cursor)), null, cancellationToken);

    /// <summary>Every call in a connection's log, newest first, fetching pages of <paramref name="pageSize"/> as it goes.</summary>
    public async IAsyncEnumerable<ActionCall> ListAllCallsAsync(string connectionId, int pageSize = 50, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await ListCallsAsync(connectionId, pageSize, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var call in page.Items)
            {
                yield return call;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    // ---- OAuth

    /// <summary>Starts an OAuth connection for the current tenant: send the user to the returned authorization URL.</summary>
    public Task<OAuthStart> StartConnectAsync(string connector, StartConnectRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<OAuthStart>(HttpMethod.Post, "connect/" + Segment(connector), request ?? new StartConnectRequest(), cancellationToken);

    /// <summary>Registers (or replaces) the workspace's OAuth client for a connector.</summary>
    public Task<OAuthApp> PutOAuthAppAsync(string connector, string clientId, string clientSecret, string? scopes = null, CancellationToken cancellationToken = default) =>
        SendAsync<OAuthApp>(HttpMethod.Put, "oauth-apps/" + Segment(connector), new { clientId, clientSecret, scopes }, cancellationToken);

    /// <summary>Lists the workspace's OAuth clients (secrets are never returned).</summary>
    public Task<IReadOnlyList<OAuthApp>> ListOAuthAppsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<OAuthApp>>(HttpMethod.Get, "oauth-apps", null, cancellationToken);

    /// <summary>Removes the workspace's OAuth client for a connector.</summary>
    public Task DeleteOAuthAppAsync(string connector, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, "oauth-apps/" + Segment(connector), null, cancellationToken);

    // ---- API keys

    /// <summary>Creates a member API key, workspace-wide or limited to <paramref name="tenantId"/>; the key is in the result only.</summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(string name, string? tenantId = null, CancellationToken cancellationToken = default) =>
        CreateApiKeyAsync(name, ApiKeyRole.Member, tenantId, cancellationToken);

    /// <summary>
    /// Creates an API key with a role (needs an admin key). An admin key is workspace-wide, so
    /// <paramref name="tenantId"/> is for member keys only. The key is in the result only.
    /// </summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(string name, ApiKeyRole role, string? tenantId = null, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedApiKey>(HttpMethod.Post, "api-keys", new { name, tenantId, role }, cancellationToken);

    /// <summary>Lists API keys (prefix only).</summary>
    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ApiKey>>(HttpMethod.Get, "api-keys", null, cancellationToken);

    /// <summary>Revokes an API key; it stops working at once.</summary>
    public Task RevokeApiKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, "api-keys/" + Segment(id), null, cancellationToken);

    // ---- Vault (instance admin key only)

    /// <summary>Lists the vault's encryption keys (ids and dates only); needs the instance admin key.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<VaultKey>> ListVaultKeysAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<VaultKey>>(HttpMethod.Get, "vault/keys", null, cancellationToken);

    /// <summary>Creates and activates a new vault key now; secrets protected with older keys stay readable.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<VaultKey> RotateVaultKeyAsync(CancellationToken cancellationToken = default) =>
        SendAsync<VaultKey>(HttpMethod.Post, "vault/rotate", new JsonObject(), cancellationToken);

    // ---- Actions

    /// <summary>Runs <paramref name="action"/> on a connection of the current tenant; returns the action's output.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="action">The snake_case action name.</param>
    /// <param name="input">The action's input (null: an empty object).</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c>; connectors that support it forward it to the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<JsonNode?> ExecuteAsync(string connectionId, string action, JsonNode? input, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode?>(HttpMethod.Post, "connections/" + Segment(connectionId) + "/actions/" + Segment(action), input ?? new JsonObject(), cancellationToken, idempotencyKey);

    /// <summary>Runs <paramref name="action"/> with a typed input and output (serialized with <see cref="FastnClientOptions.ActionSerializerOptions"/>).</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="action">The snake_case action name.</param>
    /// <param name="input">The action's input object.</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<TOutput> ExecuteAsync<TOutput>(string connectionId, string action, object? input, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var node = input as JsonNode ?? (input is null ? new JsonObject() : JsonSerializer.SerializeToNode(input, input.GetType(), _actionJson));
        var output = await ExecuteAsync(connectionId, action, node, idempotencyKey, cancellationToken).ConfigureAwait(false);
        return output is null ? default! : output.Deserialize<TOutput>(_actionJson)!;
    }

    // ---- Connect sessions

    /// <summary>Creates a short-lived, single-use connect session for one tenant's own user (the hosted connect page).</summary>
    public Task<ConnectSession> CreateConnectSessionAsync(CreateConnectSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<ConnectSession>(HttpMethod.Post, "connect-sessions", request, cancellationToken);
    }

    // ---- Workspace and events

    /// <summary>The API key's workspace (name and logo shown on the hosted connect page).</summary>
    public Task<Workspace> GetWorkspaceAsync(CancellationToken cancellationToken = default) =>
        SendAsync<Workspace>(HttpMethod.Get, "workspace", null, cancellationToken);

    /// <summary>Changes the workspace's name and/or logo; null leaves a value as it is, an empty <paramref name="logoUrl"/> removes the logo.</summary>
    public Task<Workspace> UpdateWorkspaceAsync(string? name = null, string? logoUrl = null, CancellationToken cancellationToken = default) =>
        SendAsync<Workspace>(HttpMethod.Patch, "workspace", new { name, logoUrl }, cancellationToken);

    /// <summary>The URLs connect sessions may send users back to.</summary>
    public async Task<IReadOnlyList<string>> ListRedirectUrlsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<RedirectUrls>(HttpMethod.Get, "workspace/redirect-urls", null, cancellationToken).ConfigureAwait(false)).Urls;

    /// <summary>Replaces the URLs connect sessions may send users back to; returns them as stored.</summary>
    public async Task<IReadOnlyList<string>> SetRedirectUrlsAsync(IEnumerable<string> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return (await SendAsync<RedirectUrls>(HttpMethod.Put, "workspace/redirect-urls", new { urls = urls.ToArray() }, cancellationToken).ConfigureAwait(false)).Urls;
    }

    /// <summary>Platform events (<c>connection.created</c>…), newest first; pass <see cref="PlatformEventPage.NextCursor"/> as <paramref name="after"/> for older ones.</summary>
    public Task<PlatformEventPage> ListEventsAsync(string? type = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        ListEventsAsync(new EventQuery(type, after, limit), cancellationToken);

    /// <summary>The event list filtered by <paramref name="query"/> (kind, subscription, type), newest first.</summary>
    public Task<PlatformEventPage> ListEventsAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return SendAsync<PlatformEventPage>(HttpMethod.Get, "events"
            + Query(("type", query.Type), ("after", query.After), ("limit", query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("kind", query.Kind), ("subscriptionId", query.SubscriptionId)), null, cancellationToken);
    }

    // ---- Subscriptions (trigger events)

    /// <summary>Starts receiving a trigger's events for a connection; where the trigger can, Fastn registers the webhook with the app.</summary>
    public Task<Subscription> CreateSubscriptionAsync(CreateSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<Subscription>(HttpMethod.Post, "subscriptions", request, cancellationToken);
    }

    /// <summary>The subscriptions of the client's tenant (or the workspace), optionally of one connection.</summary>
    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(string? connectionId = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<Subscription>>(HttpMethod.Get, "subscriptions" + Query(("connectionId", connectionId)), null, cancellationToken);

    /// <summary>One subscription.</summary>
    public Task<Subscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<Subscription>(HttpMethod.Get, "subscriptions/" + Segment(subscriptionId), null, cancellationToken);

    /// <summary>Pauses: deliveries are still acknowledged and stored, but held from dispatch.</summary>
    public Task<Subscription> PauseSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<Subscription>(HttpMethod.Post, "subscriptions/" + Segment(subscriptionId) + "/pause", null, cancellationToken);

    /// <summary>Resumes a paused subscription.</summary>
    public Task<Subscription> ResumeSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<Subscription>(HttpMethod.Post, "subscriptions/" + Segment(subscriptionId) + "/resume", null, cancellationToken);

    /// <summary>
    /// Deletes a subscription and the webhook Fastn registered with the app; returns a warning when the app did not
    /// confirm removing it (remove it by hand then), else null.
    /// </summary>
    public async Task<string?> DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        (await SendAsync<JsonNode?>(HttpMethod.Delete, "subscriptions/" + Segment(subscriptionId), null, cancellationToken).ConfigureAwait(false))?["warning"]?.GetValue<string>();

    // ---- Event destinations (admin keys)

    /// <summary>Sends the workspace's matching events to an endpoint; the answer's <see cref="EventDestination.Secret"/> is shown this once.</summary>
    public Task<EventDestination> AddEventDestinationAsync(AddEventDestinationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync<EventDestination>(HttpMethod.Post, "event-destinations", request, cancellationToken);
    }

    /// <summary>The workspace's event destinations.</summary>
    public Task<IReadOnlyList<EventDestination>> ListEventDestinationsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<EventDestination>>(HttpMethod.Get, "event-destinations", null, cancellationToken);

    /// <summary>Stops sending events to a destination.</summary>
    public Task DeleteEventDestinationAsync(string destinationId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, "event-destinations/" + Segment(destinationId), null, cancellationToken);

    /// <summary>A destination's deliveries, newest first; <paramref name="status"/> <c>Failed</c> is the dead-letter list.</summary>
    public Task<IReadOnlyList<EventDelivery>> ListEventDeliveriesAsync(string destinationId, string? status = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<EventDelivery>>(HttpMethod.Get, "event-destinations/" + Segment(destinationId) + "/deliveries"
            + Query(("status", status), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))), null, cancellationToken);

    /// <summary>Sends a delivery again now (a dead letter, say), with a fresh set of attempts.</summary>
    public Task<EventDelivery> RedeliverEventAsync(string deliveryId, CancellationToken cancellationToken = default) =>
        SendAsync<EventDelivery>(HttpMethod.Post, "event-destinations/deliveries/" + Segment(deliveryId) + "/redeliver", null, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl, "api/v1/" + path));
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        if (TenantId is not null)
        {
            request.Headers.Add(TenantHeader, TenantId);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (body is not null)
        {
            request.Content = body is JsonNode node
                ? new StringContent(node.ToJsonString(), Encoding.UTF8, "application/json")
                : JsonContent.Create(body, body.GetType(), options: Api);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return default!;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Api)!;
        }
        catch (JsonException ex)
        {
            throw new FastnApiException("fastn-client:invalid-response", "Unexpected response", $"{method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} with a body this client cannot read: {ex.Message}",
                (int)response.StatusCode, innerException: ex);
        }
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
