using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Engine.Registry;
using Fastn.Storage;
using Fastn.Storage.Events;
using Fastn.Storage.Polling;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>
/// Runs one poll of one subscription: streams pages from the stored cursor (at most <see cref="PollingOptions.MaxPagesPerRun"/>),
/// hashes each record's canonical JSON, compares it with the stored hash of that record id (a page's ids at a time),
/// stores <c>created</c>/<c>updated</c>/<c>deleted</c> events through the group-commit writer with a dedup key of
/// (subscription, record id, change number, hash), and only then stores the hashes and the cursor. A crash between the
/// two repeats the page next run, and the repeated events hit their dedup keys: nothing is lost or doubled.
/// </summary>
internal sealed class PollRunner(
    IServiceScopeFactory scopes,
    ConnectorRegistry registry,
    ICredentialBroker connections,
    ActionExecutor executor,
    GroupCommitWriter<PlatformEvent> events,
    IIdGenerator ids,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<PollRunner> logger)
{
    /// <summary>Event source of polled events.</summary>
    public const string Source = "poll";

    private const int DeleteBatch = 500;
    private const int MaxKeyIdLength = 200;

    /// <summary>
    /// Polls <paramref name="subscriptionId"/> now. <paramref name="manual"/> runs it even when it is failing, needs
    /// re-auth or is not due (the API's "poll now"); a paused subscription is never polled.
    /// </summary>
    public async Task<PollRunResult> RunAsync(string subscriptionId, bool manual, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncSystemScope("poll partition: loads a due subscription");
        var services = scope.ServiceProvider;
        var subscription = await services.GetRequiredService<SubscriptionStore>().GetAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (subscription is null)
        {
            return Skip(subscriptionId, "The subscription no longer exists.");
        }

        services.GetRequiredService<TenantScope>().Set(subscription.WorkspaceId, subscription.TenantId);
        var store = services.GetRequiredService<PollStore>();
        if (subscription.Status == SubscriptionStatus.Paused)
        {
            return Skip(subscriptionId, "The subscription is paused; resume it to poll.");
        }

        if (registry.Find(subscription.Connector)?.Definition is not { } definition || definition.FindTrigger(subscription.Trigger) is not PollTriggerDefinition trigger)
        {
            var missing = $"The poll trigger '{subscription.Connector}.{subscription.Trigger}' is not registered on this server, so it cannot be polled.";
            return await FailAsync(store, subscription, null, missing, "fastn:not-found", permanent: false, retryAfter: null, Counters.None, cancellationToken).ConfigureAwait(false);
        }

        var schedule = PollSchedule.From(subscription.PollIntervalSeconds, subscription.PollCron, subscription.PollTimeZone, trigger.Interval);
        var tenant = new TenantInfo(subscription.WorkspaceId, subscription.TenantId);
        var opened = await connections.OpenAsync(tenant, subscription.ConnectionId, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            // Deleting a connection deletes its subscriptions; one still here lost its connection some other way.
            return await FailAsync(store, subscription, schedule,
                $"Its connection '{subscription.ConnectionId}' no longer exists, so nothing can be polled. Delete this subscription and subscribe again on a new connection.",
                "fastn:connection-not-found", permanent: true, retryAfter: null, Counters.None, cancellationToken).ConfigureAwait(false);
        }

        if (opened.Info.Status == ConnectionState.NeedsReauth)
        {
            return await ReauthAsync(store, subscription, opened.Info.StatusReason ?? "the app rejected its credentials", Counters.None, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await PollAsync(store, subscription, definition, trigger, schedule, tenant, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not FastnException)
        {
            // Storing events or the checkpoint failed: nothing after the last checkpoint counts, and the next run repeats it.
            logger.LogError(ex, "Poll of {Subscription} ({Connector}.{Trigger}) failed inside Fastn", subscription.Id, subscription.Connector, subscription.Trigger);
            return await FailAsync(store, subscription, schedule,
                $"Fastn could not store what the poll found ({ex.GetType().Name}); the poll repeats from the last stored cursor.", "fastn:internal",
                permanent: false, retryAfter: null, Counters.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PollRunResult> PollAsync(PollStore store, Subscription subscription, ConnectorDefinition definition, PollTriggerDefinition trigger,
        PollSchedule schedule, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var hasher = new RecordHasher(trigger.IgnoredFields);
        var started = time.GetUtcNow();
        var cursor = subscription.Cursor;
        var pass = subscription.PollPass;
        var passStartedAt = subscription.PollPassStartedAt;
        if (cursor is null)
        {
            pass++;
            passStartedAt = started;
        }

        var baseline = !subscription.PollBaselineTaken;
        var emit = !baseline || subscription.InitialSync == PollInitialSync.Emit;
        var parameters = JsonNode.Parse(subscription.Parameters) as JsonObject ?? [];
        var cursors = new HashSet<string>(StringComparer.Ordinal) { cursor ?? "" };
        DateTimeOffset? watermark = null;
        var counters = Counters.None;
        while (true)
        {
            if (counters.Pages >= settings.MaxPagesPerRun)
            {
                var capped = $"Stopped after {counters.Pages} pages in one run (the page cap, Fastn:Polling:MaxPagesPerRun); the next run continues from the stored cursor.";
                logger.LogWarning("Poll of {Subscription} ({Connector}.{Trigger}) reached the page cap of {Pages} pages", subscription.Id, definition.Name, trigger.Name, counters.Pages);
                return await SucceedAsync(store, subscription, schedule, counters, baseline && emit is false, capped, PollRunOutcome.PageCapReached,
                    started + settings.TickInterval, cancellationToken).ConfigureAwait(false);
            }

            PollPage<PolledRecord> page;
            try
            {
                page = await FetchAsync(tenant, subscription, definition, trigger, new PollRequest(cursor, subscription.PollSince)
                {
                    PageSize = settings.PageSize,
                    Parameters = (JsonObject)parameters.DeepClone(),
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (FastnException ex) when (ex.Category is ErrorCategory.AuthRequired or ErrorCategory.Unauthenticated)
            {
                return await ReauthAsync(store, subscription, ex.Detail, counters, cancellationToken).ConfigureAwait(false);
            }
            catch (FastnException ex) when (ex.Category != ErrorCategory.Cancelled || !cancellationToken.IsCancellationRequested)
            {
                var where = counters.Pages == 0 ? "The first page" : $"Page {counters.Pages + 1}";
                return await FailAsync(store, subscription, schedule, $"{where} failed: {ex.Detail}", ex.Code, permanent: false, ex.RetryAfter, counters, cancellationToken)
                    .ConfigureAwait(false);
            }

            counters = counters with { Pages = counters.Pages + 1, Records = counters.Records + page.Records.Count };
            if (page.Watermark is { } mark && (watermark is null || mark > watermark))
            {
                watermark = mark;
            }

            var passDone = page.NextCursor is null;
            var (changed, seen, found, existing) = await DetectAsync(store, subscription, trigger, hasher, page.Records, pass, cancellationToken).ConfigureAwait(false);
            if (emit)
            {
                await WriteAsync(subscription, found, started, cancellationToken).ConfigureAwait(false);
                counters = counters.Add(found);
            }

            var since = passDone ? Latest(subscription.PollSince, watermark) ?? passStartedAt : subscription.PollSince;
            if (!await store.CheckpointAsync(new PollCheckpoint(subscription.Id, changed, seen, pass, page.NextCursor, passDone ? null : passStartedAt, since,
                subscription.PollBaselineTaken || passDone) { Existing = existing }, cancellationToken).ConfigureAwait(false))
            {
                return Skip(subscription.Id, "The subscription was deleted while it was being polled.") with { Pages = counters.Pages, Records = counters.Records };
            }

            if (passDone)
            {
                if (trigger.DetectDeletes && page.CompletesFullPass)
                {
                    counters = await SweepDeletesAsync(store, subscription, pass, emit, since, started, counters, cancellationToken).ConfigureAwait(false);
                }

                var detail = Describe(counters, baseline && !emit);
                return await SucceedAsync(store, subscription, schedule, counters, baseline && !emit, detail, PollRunOutcome.Completed, null, cancellationToken).ConfigureAwait(false);
            }

            if (!cursors.Add(page.NextCursor!))
            {
                // The app handed back a cursor this run already used: following it would read the same pages forever.
                var loop = $"The app returned the cursor {ProblemText.Quote(Shorten(page.NextCursor!))} again after {counters.Pages} pages, which would loop; the poll stopped and will retry from it with back-off.";
                return await FailAsync(store, subscription, schedule, loop, "fastn:poll-cursor-loop", permanent: false, retryAfter: null, counters, cancellationToken).ConfigureAwait(false);
            }

            cursor = page.NextCursor;
        }
    }

    private Task<PollPage<PolledRecord>> FetchAsync(TenantInfo tenant, Subscription subscription, ConnectorDefinition definition, PollTriggerDefinition trigger,
        PollRequest request, CancellationToken cancellationToken) =>
        PollFetch.PageAsync(executor, tenant, subscription.ConnectionId, definition, trigger, request, $"subscription {subscription.Id}", cancellationToken);

    // A page's records against the stored hashes of those ids only: memory stays one page however large the result set.
    // ChangeDetector decides created/updated (a repeated record counts once, its last copy); this adds change numbers,
    // tombstones and the app's own deletions.
    private static async Task<(List<PollRecordHash> Changed, List<string> Seen, List<Change> Found, IReadOnlySet<string> Existing)> DetectAsync(PollStore store, Subscription subscription,
        PollTriggerDefinition trigger, RecordHasher hasher, IReadOnlyList<PolledRecord> records, long pass, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, PolledRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!string.IsNullOrEmpty(record.Id))
            {
                latest[StoredId(record.Id)] = record;
            }
        }

        var stored = latest.Count == 0 ? [] : await store.GetAsync(subscription.Id, latest.Keys, cancellationToken).ConfigureAwait(false);
        var changed = new List<PollRecordHash>();
        var found = new List<Change>();
        foreach (var (id, record) in latest.Where(r => r.Value.Deleted))
        {
            if (stored.TryGetValue(id, out var known) && !known.Deleted)
            {
                changed.Add(Row(subscription, id, known.Hash, known.Changes + 1, pass, deleted: true));
                found.Add(new Change("deleted", record.Id, known.Changes + 1, known.Hash, record.Record));
            }
        }

        // Tombstoned records are unknown to the detector: one that comes back is created again.
        var live = stored.Where(h => !h.Value.Deleted).ToDictionary(h => h.Key, h => h.Value.Hash, StringComparer.Ordinal);
        var present = latest.Where(r => !r.Value.Deleted).Select(r => r.Value with { Id = r.Key }).ToList();
        var changes = ChangeDetector.Detect(present, live, hasher);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            touched.Add(change.RecordId);
            var number = (stored.TryGetValue(change.RecordId, out var known) ? known.Changes : 0) + 1;
            changed.Add(Row(subscription, change.RecordId, change.Hash, number, pass, deleted: false));
            found.Add(new Change(change.Kind, latest[change.RecordId].Id, number, change.Hash, change.Record));
        }

        // Unchanged records listed in this pass: only their pass number moves, and only when deletes are detected.
        var seen = trigger.DetectDeletes
            ? present.Where(r => !touched.Contains(r.Id) && live.ContainsKey(r.Id) && stored[r.Id].SeenInPass != pass).Select(r => r.Id).ToList()
            : [];
        return (changed, seen, found, stored.Keys.ToHashSet(StringComparer.Ordinal));
    }

    // After a complete pass: live records the pass did not list were deleted in the app. A batch's events are stored before its tombstones.
    private async Task<Counters> SweepDeletesAsync(PollStore store, Subscription subscription, long pass, bool emit, DateTimeOffset? since, DateTimeOffset now,
        Counters counters, CancellationToken cancellationToken)
    {
        while (true)
        {
            var gone = await store.ListUnseenAsync(subscription.Id, pass, DeleteBatch, cancellationToken).ConfigureAwait(false);
            if (gone.Count == 0)
            {
                return counters;
            }

            var found = gone.Select(g => new Change("deleted", g.RecordId, g.Changes + 1, g.Hash, new JsonObject { ["id"] = g.RecordId })).ToList();
            if (emit)
            {
                await WriteAsync(subscription, found, now, cancellationToken).ConfigureAwait(false);
                counters = counters.Add(found);
            }

            var tombstones = gone.Select(g => Row(subscription, g.RecordId, g.Hash, g.Changes + 1, pass, deleted: true)).ToList();
            await store.CheckpointAsync(new PollCheckpoint(subscription.Id, tombstones, [], pass, null, null, since, BaselineTaken: true)
            {
                Existing = tombstones.Select(t => t.RecordId).ToHashSet(StringComparer.Ordinal),
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    // Acknowledged only once committed: the checkpoint that follows never gets ahead of its events.
    private async Task WriteAsync(Subscription subscription, IReadOnlyList<Change> found, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (found.Count == 0)
        {
            return;
        }

        var trigger = $"{subscription.Connector}.{subscription.Trigger}";
        await Task.WhenAll(found.Select(c => events.WriteAsync(new PlatformEvent
        {
            Id = ids.NewId("evt"),
            WorkspaceId = subscription.WorkspaceId,
            TenantId = subscription.TenantId,
            Type = c.Kind,
            Subject = subscription.ConnectionId,
            Data = new JsonObject { ["id"] = c.RecordId, ["change"] = c.Kind, ["record"] = c.Record.DeepClone() }.ToJsonString(),
            CreatedAt = now,
            Kind = EventKinds.Trigger,
            ConnectionId = subscription.ConnectionId,
            SubscriptionId = subscription.Id,
            Trigger = trigger,
            Source = Source,
            DedupKey = DedupKey(subscription.Id, c),
        }, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// (subscription, record id, change number, hash): the same observation repeated after a crash hits the same key, while a
    /// record that changes back to an earlier state is a new change number and still emits.
    /// </summary>
    internal static string DedupKey(string subscriptionId, string recordId, long change, ReadOnlySpan<byte> hash, string kind)
    {
        var id = recordId.Length <= MaxKeyIdLength ? recordId : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordId)));
        return $"{subscriptionId}:poll:{id}:{change}:{(kind == "deleted" ? "deleted" : Convert.ToHexStringLower(hash))}";
    }

    private static string DedupKey(string subscriptionId, Change change) => DedupKey(subscriptionId, change.RecordId, change.Number, change.Hash, change.Kind);

    private async Task<PollRunResult> SucceedAsync(PollStore store, Subscription subscription, PollSchedule schedule, Counters counters, bool baseline, string detail,
        PollRunOutcome outcome, DateTimeOffset? nextOverride, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = nextOverride ?? schedule.Next(now);
        var reason = outcome == PollRunOutcome.PageCapReached ? detail : null;
        await store.RecordOutcomeAsync(subscription.Id, new PollOutcome(now, detail, 0, next, SubscriptionStatus.Active, reason), cancellationToken).ConfigureAwait(false);
        return counters.Result(subscription.Id, outcome, detail, baseline, next, null);
    }

    private async Task<PollRunResult> FailAsync(PollStore store, Subscription subscription, PollSchedule? schedule, string reason, string code, bool permanent,
        TimeSpan? retryAfter, Counters counters, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = subscription.PollFailures + 1;
        DateTimeOffset? next = null;
        var status = reason;
        if (!permanent)
        {
            var settings = options.Value;
            var backoff = TimeSpan.FromTicks((long)Math.Min(settings.BackoffMax.Ticks, settings.BackoffBase.Ticks * Math.Pow(2, Math.Min(failures - 1, 30))));
            if (retryAfter is { } after && after > backoff)
            {
                backoff = after;
            }

            next = now + backoff;
            if (schedule is not null && schedule.Next(now) > next)
            {
                next = schedule.Next(now);
            }

            status = $"{reason} Failed {failures} time(s) in a row; next try at {next:u}.";
        }

        logger.LogInformation("Poll of {Subscription} ({Connector}.{Trigger}) failed ({Failures} in a row): {Code} {Reason}",
            subscription.Id, subscription.Connector, subscription.Trigger, failures, code, reason);
        await store.RecordOutcomeAsync(subscription.Id, new PollOutcome(now, reason, failures, next, SubscriptionStatus.Failing, status), cancellationToken).ConfigureAwait(false);
        return counters.Result(subscription.Id, PollRunOutcome.Failed, status, !subscription.PollBaselineTaken, next, code);
    }

    private async Task<PollRunResult> ReauthAsync(PollStore store, Subscription subscription, string detail, Counters counters, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reason = $"The connection's credentials were refused ({detail}). Reconnect the connection, then resume this subscription.";
        logger.LogInformation("Poll of {Subscription} ({Connector}.{Trigger}) needs the connection re-authorized", subscription.Id, subscription.Connector, subscription.Trigger);
        await store.RecordOutcomeAsync(subscription.Id, new PollOutcome(now, reason, subscription.PollFailures + 1, null, SubscriptionStatus.NeedsReauth, reason), cancellationToken)
            .ConfigureAwait(false);
        return counters.Result(subscription.Id, PollRunOutcome.NeedsReauth, reason, !subscription.PollBaselineTaken, null, "fastn:auth-required");
    }

    private static PollRunResult Skip(string id, string detail) => new() { SubscriptionId = id, Outcome = PollRunOutcome.Skipped, Detail = detail };

    private static string Describe(Counters c, bool baseline) => baseline
        ? $"Baseline taken: {c.Records} record(s) on {c.Pages} page(s) recorded without events; later changes become events."
        : $"Read {c.Records} record(s) on {c.Pages} page(s): {c.Created} created, {c.Updated} updated, {c.Deleted} deleted.";

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static string StoredId(string id) =>
        id.Length <= PollStore.MaxRecordIdLength ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static PollRecordHash Row(Subscription s, string id, byte[] hash, long changes, long pass, bool deleted) => new()
    {
        WorkspaceId = s.WorkspaceId,
        TenantId = s.TenantId,
        SubscriptionId = s.Id,
        RecordId = id,
        Hash = hash,
        Changes = changes,
        SeenInPass = pass,
        Deleted = deleted,
    };

    private sealed record Change(string Kind, string RecordId, long Number, byte[] Hash, JsonNode Record);

    private sealed record Counters(int Pages, int Records, int Created, int Updated, int Deleted)
    {
        public static Counters None { get; } = new(0, 0, 0, 0, 0);

        public Counters Add(IEnumerable<Change> found) => found.Aggregate(this, (c, f) => f.Kind switch
        {
            "created" => c with { Created = c.Created + 1 },
            "updated" => c with { Updated = c.Updated + 1 },
            _ => c with { Deleted = c.Deleted + 1 },
        });

        public PollRunResult Result(string id, PollRunOutcome outcome, string detail, bool baseline, DateTimeOffset? next, string? code) => new()
        {
            SubscriptionId = id,
            Outcome = outcome,
            Detail = detail,
            Pages = Pages,
            Records = Records,
            Created = Created,
            Updated = Updated,
            Deleted = Deleted,
            Baseline = baseline,
            NextPollAt = next,
            ErrorCode = code,
        };
    }
}
