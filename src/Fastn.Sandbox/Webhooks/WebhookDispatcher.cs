using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Sandbox.Webhooks;

/// <summary>
/// Delivers Standard Webhooks–signed POSTs in the background with retries. Every attempt of one delivery
/// carries the same <c>webhook-id</c> and a fresh timestamp and signature. Tests observe outcomes with the
/// task returned by <see cref="Enqueue"/>, with <see cref="WaitForAsync"/> or with <see cref="Completed"/>.
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable, IDisposable
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client used for deliveries.</summary>
    public const string HttpClientName = "Fastn.Sandbox.Webhooks";

    private const int MaxKeptResults = 1000;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly WebhookDispatcherOptions _options;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly Lock _lock = new();
    private readonly Queue<WebhookDeliveryResult> _results = new();
    private readonly List<Waiter> _waiters = [];

    public WebhookDispatcher(
        IHttpClientFactory httpClientFactory, TimeProvider time, IOptions<WebhookDispatcherOptions> options,
        ILogger<WebhookDispatcher> logger)
    {
        _httpClientFactory = httpClientFactory;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Raised once per delivery with its final outcome.</summary>
    public event Action<WebhookDeliveryResult>? Completed;

    /// <summary>The most recent final outcomes (up to 1,000), oldest first.</summary>
    public IReadOnlyList<WebhookDeliveryResult> Results
    {
        get
        {
            lock (_lock)
            {
                return [.. _results];
            }
        }
    }

    /// <summary>
    /// Starts delivering in the background and returns at once; the task completes with the final outcome
    /// (it never faults; callers need not await it).
    /// </summary>
    public Task<WebhookDeliveryResult> Enqueue(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        var task = Task.Run(() => RunAsync(delivery, _shutdown.Token));
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        return task;
    }

    /// <summary>Waits for the first final outcome, past or future, that matches <paramref name="match"/>.</summary>
    public Task<WebhookDeliveryResult> WaitForAsync(Func<WebhookDeliveryResult, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var waiter = new Waiter(match);
        lock (_lock)
        {
            var done = _results.FirstOrDefault(match);
            if (done is not null)
            {
                return Task.FromResult(done);
            }

            _waiters.Add(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }

                waiter.Signal.TrySetCanceled(cancellationToken);
            });
            _ = waiter.Signal.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return waiter.Signal.Task;
    }

    /// <summary>Stops retrying and waits for in-flight attempts to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested)
        {
            return;
        }

        await _shutdown.CancelAsync();
        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _shutdown.Dispose();
    }

    /// <summary>Stops retrying without waiting (for containers disposed synchronously).</summary>
    public void Dispose()
    {
        if (!_shutdown.IsCancellationRequested)
        {
            _shutdown.Cancel();
        }
    }

    private async Task<WebhookDeliveryResult> RunAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var attempts = new List<WebhookDeliveryAttempt>();
        var delays = _options.RetryDelays;
        for (var number = 1; ; number++)
        {
            var attempt = await AttemptAsync(delivery, number, cancellationToken);
            attempts.Add(attempt);
            if (attempt.Succeeded || number > delays.Length || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            _logger.LogWarning(
                "Sandbox webhook {MessageId} to {Url} failed on attempt {Attempt} ({Status}); retrying in {Delay}",
                delivery.MessageId, delivery.Url, number, attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? attempt.Error,
                delays[number - 1]);
            try
            {
                await Task.Delay(delays[number - 1], _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var result = new WebhookDeliveryResult(delivery, attempts);
        Publish(result);
        return result;
    }

    private async Task<WebhookDeliveryAttempt> AttemptAsync(WebhookDelivery delivery, int number, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(StandardWebhooks.IdHeader, delivery.MessageId);
        request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(delivery.Secret, delivery.MessageId, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("Fastn-Sandbox-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.AttemptTimeout);
        try
        {
            var client = _httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return new WebhookDeliveryAttempt(number, now, (int)response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookDeliveryAttempt(number, now, null, ex.Message);
        }
        catch (OperationCanceledException)
        {
            var reason = cancellationToken.IsCancellationRequested ? "dispatcher stopped" : "timed out";
            return new WebhookDeliveryAttempt(number, now, null, reason);
        }
    }

    private void Publish(WebhookDeliveryResult result)
    {
        List<Waiter> matched;
        lock (_lock)
        {
            _results.Enqueue(result);
            while (_results.Count > MaxKeptResults)
            {
                _results.Dequeue();
            }

            matched = _waiters.Where(w => w.Match(result)).ToList();
            foreach (var waiter in matched)
            {
                _waiters.Remove(waiter);
            }
        }

        foreach (var waiter in matched)
        {
            waiter.Signal.TrySetResult(result);
        }

        try
        {
            Completed?.Invoke(result);
        }
        catch (Exception ex)
        {
            // A faulty observer must not fault the delivery task.
            _logger.LogError(ex, "A WebhookDispatcher.Completed handler threw for {MessageId}", result.Delivery.MessageId);
        }
    }

    private sealed class Waiter(Func<WebhookDeliveryResult, bool> match)
    {
        public Func<WebhookDeliveryResult, bool> Match { get; } = match;

        public TaskCompletionSource<WebhookDeliveryResult> Signal { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
