using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fastn.Connectors.Http;

/// <summary>
/// <c>ctx.Http</c>: an <see cref="HttpClient"/> whose pipeline (built by the runtime or the test kit)
/// applies the connection's auth, retries with back-off honouring <c>Retry-After</c>, rate limits and
/// redacts logs. Its JSON helpers map error responses to typed <see cref="ConnectorException"/>s.
/// </summary>
public sealed class ConnectorHttpClient
{
    private readonly JsonSerializerOptions _json;
    private readonly bool _writesAreIdempotent;

    /// <summary>Wraps a configured client.</summary>
    /// <param name="client">The client with the runtime's pipeline.</param>
    /// <param name="json">JSON conventions (default camelCase).</param>
    /// <param name="idempotencyKey">The per-call idempotency key.</param>
    /// <param name="writesAreIdempotent">
    /// Whether writes of this call may be retried (the action is declared idempotent); otherwise only
    /// requests with an <c>Idempotency-Key</c> header or an idempotent method are retried.
    /// </param>
    /// <param name="time">The clock that turns an HTTP-date <c>Retry-After</c> into a delay (default the system clock).</param>
    public ConnectorHttpClient(
        HttpClient client, JsonSerializerOptions? json = null, string? idempotencyKey = null, bool writesAreIdempotent = false, TimeProvider? time = null)
    {
        Client = client;
        Time = time ?? TimeProvider.System;
        _json = json ?? ConnectorJson.Options;
        IdempotencyKey = idempotencyKey;
        _writesAreIdempotent = writesAreIdempotent;
    }


    /// <summary>The underlying client, for requests the helpers do not cover.</summary>
    public HttpClient Client { get; }

    /// <summary>The JSON options the helpers use.</summary>
    public JsonSerializerOptions JsonOptions => _json;

    /// <summary>The clock the helpers read (the same as <c>ctx.Time</c>).</summary>
    public TimeProvider Time { get; }

    /// <summary>The per-call idempotency key (also on <c>ctx.IdempotencyKey</c>).</summary>
    public string? IdempotencyKey { get; }

    /// <summary>
    /// Builds a relative URL from a template and caller values, each escaped as exactly one path segment:
    /// <c>ctx.Http.Path("repos/{owner}/{repo}", input.Owner, input.Repo)</c>. A value that is empty, <c>.</c> or
    /// <c>..</c> (or percent-encodes one) throws <see cref="ConnectorValidationException"/>, so input can never
    /// send the connection's credentials to another endpoint. See <see cref="UrlTemplate.Path"/>.
    /// </summary>
    /// <param name="template">The relative URL with <c>{name}</c> placeholders.</param>
    /// <param name="values">One value per placeholder, in order.</param>
    /// <returns>The escaped relative URL, to pass to the helpers below.</returns>
#pragma warning disable CA1822 // An instance member so handlers find it on ctx.Http.
    public string Path(string template, params object?[] values) => UrlTemplate.Path(template, values);
#pragma warning restore CA1822

    /// <summary>GET a JSON document.</summary>
    public Task<T> GetJsonAsync<T>(string url, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);

    /// <summary>POST a JSON body and read a JSON document.</summary>
    public Task<T> PostJsonAsync<T>(string url, object? body, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(WithBody(HttpMethod.Post, url, body), cancellationToken);

    /// <summary>PUT a JSON body and read a JSON document.</summary>
    public Task<T> PutJsonAsync<T>(string url, object? body, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(WithBody(HttpMethod.Put, url, body), cancellationToken);

    /// <summary>PATCH a JSON body and read a JSON document.</summary>
    public Task<T> PatchJsonAsync<T>(string url, object? body, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(WithBody(HttpMethod.Patch, url, body), cancellationToken);

    /// <summary>DELETE; succeeds on any 2xx.</summary>
    public async Task DeleteAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, url), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST a form-encoded body (<c>application/x-www-form-urlencoded</c>) and read JSON (Stripe, Slack).</summary>
    public Task<T> PostFormAsync<T>(string url, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) }, cancellationToken);

    /// <summary>
    /// Sends a request and reads the response body as JSON of type <typeparamref name="T"/>, straight from the
    /// network stream (the body is never held twice; the runtime caps its size).
    /// </summary>
    public async Task<T> SendJsonAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return default!;
        }

        var stream = await ReadBodyAsync(() => response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        var head = new HeadCapturingStream(stream, UpstreamException.MaxBodyLength);
        await using (head.ConfigureAwait(false))
        {
            try
            {
                return (await ReadBodyAsync(() => JsonSerializer.DeserializeAsync<T>(head, _json, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false))!;
            }
            catch (JsonException ex)
            {
                var status = (int)response.StatusCode;
                var text = head.Text;
                var start = text.TrimStart();
                if (start.StartsWith('{') || start.StartsWith('['))
                {
                    throw new UpstreamException(status, text,
                        $"The app's JSON does not have the shape {typeof(T).Name} expects at {ex.Path ?? "$"}: {ex.Message.Split(" Path:")[0]}", ex);
                }

                var kind = start.StartsWith('<') ? "HTML" : "text that is not valid JSON";
                throw new UpstreamException(status, text, $"The app answered {status} with {kind} where JSON was expected.", ex);
            }
        }
    }

    /// <summary>
    /// Sends a request and returns the response when it succeeded; otherwise throws
    /// <see cref="AuthRequiredException"/> (401/403), <see cref="RateLimitedException"/> (429) or
    /// <see cref="UpstreamException"/> (other non-2xx). The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_writesAreIdempotent && IdempotencyKey is not null)
        {
            request.Options.Set(IdempotencyKeyOption, IdempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            // Headers only: bodies are streamed by the helpers, never buffered whole by HttpClient first.
            response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamException(0, null, $"Could not reach the app: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "The app did not answer in time.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            // An error body is only quoted, so only its start is read.
            var body = await ReadBodyAsync(() => ReadHeadAsync(response.Content, UpstreamException.MaxBodyLength + 1, cancellationToken), cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            throw status switch
            {
                401 => new AuthRequiredException($"The app refused the connection's credentials (401). Reconnect the account if this persists. {Short(body)}"),
                403 => new UpstreamException(status, body, $"The app refused the request (403): the connection lacks a permission or scope. {Short(body)}"),
                429 => new RateLimitedException($"The app is rate limiting this connection (429). {Short(body)}", RetryAfter(response, Time)),
                _ => new UpstreamException(status, body, $"The app answered {status}. {Short(body)}"),
            };
        }
    }

    /// <summary>The request option marking a write as safe to retry (set for actions declared idempotent).</summary>
    public static HttpRequestOptionsKey<string> IdempotencyKeyOption { get; } = new("fastn.idempotency-key");

    /// <summary>Reads <c>Retry-After</c> (seconds, or an HTTP date measured against <paramref name="time"/>) from a response.</summary>
    /// <param name="response">The response, typically a 429 or 503.</param>
    /// <param name="time">The clock (<c>ctx.Time</c>), so an HTTP-date delay follows the host's and the tests' time.</param>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("X-RateLimit-Reset-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null;
    }

    private HttpRequestMessage WithBody(HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), _json);
        }

        return request;
    }

    // A body read after the headers can still fail on the network; that is the same "could not reach" as before the headers.
    private static async Task<TResult> ReadBodyAsync<TResult>(Func<Task<TResult>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new UpstreamException(0, null, $"The app's response broke off: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UpstreamException(0, null, "The app did not answer in time.", ex);
        }
    }

    private static async Task<string> ReadHeadAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var buffer = new char[maxChars];
            var read = 0;
            while (read < maxChars)
            {
                var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return new string(buffer, 0, read);
        }
    }

    /// <summary>Passes a stream through, keeping its first bytes so an error can quote what the app sent.</summary>
    private sealed class HeadCapturingStream(Stream inner, int keep) : ReadObservingStream(inner)
    {
        private readonly MemoryStream _head = new();

        public string Text => System.Text.Encoding.UTF8.GetString(_head.GetBuffer(), 0, (int)_head.Length);

        protected override void OnRead(ReadOnlySpan<byte> read)
        {
            var room = keep - (int)_head.Length;
            if (room > 0)
            {
                _head.Write(read[..Math.Min(room, read.Length)]);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _head.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static string Short(string body) =>
        body.Length <= 300 ? body : string.Concat(body.AsSpan(0, 300), "…");
}
