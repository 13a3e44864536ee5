using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Engine.Errors;
using Fastn.Engine.Triggers;
using Fastn.Storage;
using Fastn.Storage.Cdm;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Cdm;

/// <summary>
/// CDM syncs: "keep CDMContact in step from connection A to connection B", one way or both ways. A pass reads both
/// sides through the unified API, pairs records through stored links (and, on the first pass, by e-mail where the
/// entity has one), creates or updates the other side through its entity operations, remembers per link the hash of
/// the synced fields each side last had so the sync's own writes never echo back, settles records changed on both
/// sides by the conflict policy, and records each record it could not sync without stopping.
/// </summary>
public sealed class CdmSyncService(CdmSyncStore store, CdmService cdm, IIdGenerator ids,
    IOptions<CdmSyncOptions> options, TimeProvider time)
{
    private static readonly RecordHasher Hasher = new();

    // One pass of a sync at a time on this node (a scheduled pass and a "run now" would otherwise both create the
    // same records); across nodes the scheduler's claim on the next pass time keeps scheduled passes apart.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // Fields the apps set themselves: never written, never compared.
    private static readonly HashSet<string> AppOwned = new(StringComparer.Ordinal) { "id", "createdAt", "updatedAt", "customFields" };

    /// <summary>Creates a sync for the tenant and schedules its first pass (the backfill) now.</summary>
    public async Task<CdmSyncView> CreateAsync(TenantInfo tenant, CreateCdmSync request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var entity = CdmService.FindEntity(request.Entity ?? "") ?? throw FastnException.Validation(
            $"'entity' must name a CDM entity: one of {string.Join(", ", Connectors.Cdm.Cdm.All.Select(CdmService.PathName))}.", "entity");
        var conflict = request.Conflict ?? "latest";
        if (conflict is not ("latest" or "a" or "b"))
        {
            throw FastnException.Validation("'conflict' must be latest (the later updatedAt wins), a or b.", "conflict");
        }

        if (string.IsNullOrWhiteSpace(request.ConnectionA) || string.IsNullOrWhiteSpace(request.ConnectionB) || request.ConnectionA == request.ConnectionB)
        {
            throw FastnException.Validation("'connectionA' and 'connectionB' must name two different connections of the tenant.", "connectionB");
        }

        var a = await SideAsync(tenant, request.ConnectionA, entity, "connectionA", needsWrite: request.TwoWay, cancellationToken).ConfigureAwait(false);
        var b = await SideAsync(tenant, request.ConnectionB, entity, "connectionB", needsWrite: true, cancellationToken).ConfigureAwait(false);
        if (Fields(a, b).Count == 0)
        {
            throw FastnException.Validation($"{a.Name} and {b.Name} map no {entity.Name} field in common, so there is nothing to sync.", "connectionB");
        }

        var now = time.GetUtcNow();
        var sync = await store.CreateAsync(new CdmSync
        {
            Id = ids.NewId("sync"),
            WorkspaceId = tenant.WorkspaceId,
            TenantId = tenant.TenantId,
            Entity = entity.Name,
            ConnectionA = request.ConnectionA,
            ConnectionB = request.ConnectionB,
            TwoWay = request.TwoWay,
            Status = "backfilling",
            Conflict = conflict,
            CreatedAt = now,
            NextPassAt = now,
        }, cancellationToken).ConfigureAwait(false);
        return CdmSyncView.From(sync);
    }

    /// <summary>The tenant's syncs.</summary>
    public async Task<IReadOnlyList<CdmSyncView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(CdmSyncView.From)];

    /// <summary>One sync, or not found.</summary>
    public async Task<CdmSyncView> GetAsync(string id, CancellationToken cancellationToken) =>
        CdmSyncView.From(await RequireAsync(id, cancellationToken).ConfigureAwait(false));

    /// <summary>The records a sync could not sync, newest first.</summary>
    public async Task<IReadOnlyList<CdmSyncErrorView>> ErrorsAsync(string id, CancellationToken cancellationToken)
    {
        await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        return [.. (await store.ListErrorsAsync(id, 200, cancellationToken).ConfigureAwait(false)).Select(e => new CdmSyncErrorView(e.Side, e.RecordId, e.Message, e.At))];
    }

    /// <summary>Pauses or resumes a sync's scheduled passes.</summary>
    public async Task<CdmSyncView> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sync = await store.UpdateAsync(id, s =>
        {
            s.Status = paused ? "paused" : s.Passes == 0 ? "backfilling" : "active";
            s.StatusReason = null;
            s.NextPassAt = paused ? null : now;
            return true;
        }, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return CdmSyncView.From(sync);
    }

    /// <summary>Deletes a sync with its links and errors (the records stay in both apps).</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(id);
        }
    }

    /// <summary>
    /// Runs one pass now and returns the sync after it. A pass that cannot read a side (connection gone, app down)
    /// marks the sync <c>failing</c> with the reason and is retried on schedule; a record that cannot be synced is
    /// recorded and the pass goes on.
    /// </summary>
    public async Task<CdmSyncView> RunPassAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var sync = await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        if (sync.Status == "paused")
        {
            throw FastnException.Conflict("The sync is paused; resume it before running a pass.");
        }

        var entity = CdmService.FindEntity(sync.Entity)!;
        var counts = new PassCounts();
        string? failure = null;
        var gate = Gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PassAsync(tenant, sync, entity, counts, cancellationToken).ConfigureAwait(false);
        }
        catch (FastnException ex)
        {
            failure = ex.Message;
        }
        finally
        {
            gate.Release();
        }

        var now = time.GetUtcNow();
        var done = await RetryOnConflictAsync(() => store.UpdateAsync(id, s =>
        {
            s.Passes++;
            s.Read = counts.Read;
            s.Created += counts.Created;
            s.Updated += counts.Updated;
            s.Failed += counts.Failed;
            s.LastPassAt = now;
            if (s.Status != "paused")
            {
                s.Status = failure is not null ? "failing" : "active";
                s.StatusReason = failure;
                s.NextPassAt = now + options.Value.Interval;
            }

            return true;
        }, cancellationToken)).ConfigureAwait(false) ?? throw NotFound(id);
        return CdmSyncView.From(done);
    }

    // The scheduler's claim may bump the row between this read and write; the totals are re-read and applied again.
    private static async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> update)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await update().ConfigureAwait(false);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private async Task PassAsync(TenantInfo tenant, CdmSync sync, CdmEntity entity, PassCounts counts, CancellationToken cancellationToken)
    {
        var a = await SideAsync(tenant, sync.ConnectionA, entity, "connectionA", needsWrite: sync.TwoWay, cancellationToken).ConfigureAwait(false);
        var b = await SideAsync(tenant, sync.ConnectionB, entity, "connectionB", needsWrite: true, cancellationToken).ConfigureAwait(false);
        var fields = Fields(a, b);
        var recordsA = await ReadAllAsync(tenant, sync, entity, sync.ConnectionA, "a", counts, cancellationToken).ConfigureAwait(false);
        var recordsB = await ReadAllAsync(tenant, sync, entity, sync.ConnectionB, "b", counts, cancellationToken).ConfigureAwait(false);
        var links = (await store.ListLinksAsync(sync.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.RecordA, LinkState.From, StringComparer.Ordinal);
        var linkedB = links.Values.ToDictionary(l => l.RecordB, StringComparer.Ordinal);

        // First sight of two records that are the same person (same e-mail): link them instead of creating a duplicate.
        if (fields.Contains("email"))
        {
            var byEmail = recordsB.Where(r => !linkedB.ContainsKey(r.Key)).GroupBy(r => Email(r.Value)).Where(g => g.Key is not null && g.Count() == 1)
                .ToDictionary(g => g.Key!, g => g.Single().Key, StringComparer.OrdinalIgnoreCase);
            foreach (var (idA, recordA) in recordsA.Where(r => !links.ContainsKey(r.Key)))
            {
                if (Email(recordA) is { } email && byEmail.Remove(email, out var idB))
                {
                    var link = NewLink(sync, idA, idB, null, Hash(recordsB[idB], fields));
                    links[idA] = link;
                    linkedB[idB] = link;
                    await store.SaveLinkAsync(link.ToRow(time.GetUtcNow()), isNew: true, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (var (idA, recordA) in recordsA)
        {
            var hashA = Hash(recordA, fields);
            if (!links.TryGetValue(idA, out var link))
            {
                if (await WriteAsync(tenant, sync, entity, "a", idA, sync.ConnectionB, null, recordA, fields, counts, cancellationToken).ConfigureAwait(false) is { } createdB)
                {
                    var created = NewLink(sync, idA, createdB, hashA, null);
                    links[idA] = created;
                    linkedB[createdB] = created;
                    await store.SaveLinkAsync(created.ToRow(time.GetUtcNow()), isNew: true, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            recordsB.TryGetValue(link.RecordB, out var recordB);
            var hashB = recordB is null ? null : Hash(recordB, fields);
            await SettleAsync(tenant, sync, entity, link, recordA, hashA, recordB, hashB, fields, counts, cancellationToken).ConfigureAwait(false);
        }

        if (!sync.TwoWay)
        {
            return;
        }

        foreach (var (idB, recordB) in recordsB.Where(r => !linkedB.ContainsKey(r.Key)))
        {
            if (await WriteAsync(tenant, sync, entity, "b", idB, sync.ConnectionA, null, recordB, fields, counts, cancellationToken).ConfigureAwait(false) is { } createdA)
            {
                var created = NewLink(sync, createdA, idB, null, Hash(recordB, fields));
                await store.SaveLinkAsync(created.ToRow(time.GetUtcNow()), isNew: true, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // One linked pair: a side changed since the sync last saw it is written to the other; a side the sync just wrote
    // (its hash unknown) is taken as it now is, so the write does not come back; both changed: the conflict policy.
    private async Task SettleAsync(TenantInfo tenant, CdmSync sync, CdmEntity entity, LinkState link, JsonObject recordA, string hashA, JsonObject? recordB,
        string? hashB, IReadOnlySet<string> fields, PassCounts counts, CancellationToken cancellationToken)
    {
        var changedA = link.HashA is not null && link.HashA != hashA;
        var changedB = recordB is not null && link.HashB is not null && link.HashB != hashB;
        var baselined = link.HashA is null || (recordB is not null && link.HashB is null);
        link.HashA ??= hashA;
        if (recordB is not null)
        {
            link.HashB ??= hashB;
        }

        var fromA = changedA && (!changedB || !sync.TwoWay || Wins(sync.Conflict, recordA, recordB!));
        var fromB = sync.TwoWay && changedB && !fromA;
        if (fromA)
        {
            if (await WriteAsync(tenant, sync, entity, "a", link.RecordA, sync.ConnectionB, link.RecordB, recordA, fields, counts, cancellationToken).ConfigureAwait(false) is not null)
            {
                link.HashA = hashA;
                link.HashB = null;
                await store.SaveLinkAsync(link.ToRow(time.GetUtcNow()), isNew: false, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (fromB)
        {
            if (await WriteAsync(tenant, sync, entity, "b", link.RecordB, sync.ConnectionA, link.RecordA, recordB!, fields, counts, cancellationToken).ConfigureAwait(false) is not null)
            {
                link.HashB = hashB;
                link.HashA = null;
                await store.SaveLinkAsync(link.ToRow(time.GetUtcNow()), isNew: false, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (baselined || (changedB && !sync.TwoWay))
        {
            if (changedB)
            {
                link.HashB = hashB;
            }

            await store.SaveLinkAsync(link.ToRow(time.GetUtcNow()), isNew: false, cancellationToken).ConfigureAwait(false);
        }
    }

    // Writes the synced fields of a record to the other side (create when targetId is null); returns the written
    // record's id, or null after recording why it could not be written.
    private async Task<string?> WriteAsync(TenantInfo tenant, CdmSync sync, CdmEntity entity, string side, string sourceId, string connectionId, string? targetId,
        JsonObject record, IReadOnlySet<string> fields, PassCounts counts, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        foreach (var field in fields)
        {
            if (record[field] is { } value)
            {
                body[field] = value.DeepClone();
            }
        }

        try
        {
            var written = targetId is null
                ? await cdm.CreateAsync(tenant, entity.Name, new CdmWrite(body, connectionId, null, $"{sync.Id}:{side}:{sourceId}"), cancellationToken).ConfigureAwait(false)
                : await cdm.UpdateAsync(tenant, entity.Name, targetId, new CdmWrite(body, connectionId), cancellationToken).ConfigureAwait(false);
            var id = targetId ?? written.Record?["id"]?.ToString();
            if (id is null)
            {
                throw new FastnException("fastn:upstream", ErrorCategory.Upstream, "No record id", "The app created the record but its answer holds no id, so it cannot be linked.");
            }

            if (targetId is null)
            {
                counts.Created++;
            }
            else
            {
                counts.Updated++;
            }

            await store.ClearErrorAsync(sync.Id, side, sourceId, cancellationToken).ConfigureAwait(false);
            return id;
        }
        catch (FastnException ex) when (ex.Category is not ErrorCategory.AuthRequired and not ErrorCategory.Cancelled)
        {
            counts.Failed++;
            await RecordErrorAsync(sync, side, sourceId, $"Could not {(targetId is null ? "create" : "update")} it on the other side: {ex.Message}", cancellationToken)
                .ConfigureAwait(false);
            return null;
        }
    }

    // Every record of one side by id, through the unified list; records that fail to map are recorded as errors.
    private async Task<Dictionary<string, JsonObject>> ReadAllAsync(TenantInfo tenant, CdmSync sync, CdmEntity entity, string connectionId, string side,
        PassCounts counts, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < options.Value.MaxPagesPerSide; page++)
        {
            var result = await cdm.ListAsync(tenant, entity.Name, new CdmListQuery(cursor is null ? connectionId : null, CdmService.MaxLimit, cursor,
                new Dictionary<string, string>(), false), cancellationToken).ConfigureAwait(false);
            foreach (var record in result.Records)
            {
                if (record["id"]?.ToString() is { Length: > 0 } id)
                {
                    records[id] = record;
                    counts.Read++;
                }
            }

            foreach (var error in result.Errors)
            {
                counts.Failed++;
                await RecordErrorAsync(sync, side, error.Id ?? $"#{error.Index}", error.Message, cancellationToken).ConfigureAwait(false);
            }

            if ((cursor = result.NextCursor) is null)
            {
                break;
            }
        }

        return records;
    }

    private Task RecordErrorAsync(CdmSync sync, string side, string recordId, string message, CancellationToken cancellationToken) =>
        store.SaveErrorAsync(new CdmSyncError
        {
            SyncId = sync.Id,
            WorkspaceId = sync.WorkspaceId,
            TenantId = sync.TenantId,
            Side = side,
            RecordId = recordId,
            Message = message.Length <= 2000 ? message : message[..1999] + "…",
            At = time.GetUtcNow(),
        }, cancellationToken);

    private async Task<EntityDefinition> SideAsync(TenantInfo tenant, string connectionId, CdmEntity entity, string path, bool needsWrite, CancellationToken cancellationToken)
    {
        var (_, definition) = await cdm.OwnedAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        return CdmService.Mapping(definition, entity, null, e => e.Listing is not null && (!needsWrite || (e.Creating is not null && e.Updating is not null)))
            ?? throw FastnException.Validation(needsWrite
                ? $"{definition.Name} cannot list, create and update {entity.Name} records, which a sync needs on this side."
                : $"{definition.Name} cannot list {entity.Name} records, which a sync needs to read this side.", path);
    }

    // The CDM fields both sides map, less the ones the apps set themselves.
    private static HashSet<string> Fields(EntityDefinition a, EntityDefinition b)
    {
        var fields = a.MappedCdmFields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        fields.IntersectWith(b.MappedCdmFields.Select(f => f.Name));
        fields.ExceptWith(AppOwned);
        return fields;
    }

    private static string Hash(JsonObject record, IReadOnlySet<string> fields)
    {
        var projection = new JsonObject();
        foreach (var field in fields.Order(StringComparer.Ordinal))
        {
            if (record[field] is { } value)
            {
                projection[field] = value.DeepClone();
            }
        }

        return Convert.ToHexStringLower(Hasher.Hash(projection));
    }

    private static bool Wins(string conflict, JsonObject a, JsonObject b) => conflict switch
    {
        "a" => true,
        "b" => false,
        _ => !(DateTimeOffset.TryParse(b["updatedAt"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var atB)
            && DateTimeOffset.TryParse(a["updatedAt"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var atA)
            && atB > atA),
    };

    private static string? Email(JsonObject record) => record["email"] is JsonValue v && v.TryGetValue<string>(out var email) && email.Length > 0 ? email : null;

    private static LinkState NewLink(CdmSync sync, string recordA, string recordB, string? hashA, string? hashB) =>
        new(sync.Id, sync.WorkspaceId, sync.TenantId, recordA, recordB) { HashA = hashA, HashB = hashB };

    private async Task<CdmSync> RequireAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);

    private static FastnException NotFound(string id) => FastnException.NotFound($"There is no CDM sync '{id}' for this tenant.");

    private sealed class LinkState(string syncId, string workspaceId, string tenantId, string recordA, string recordB)
    {
        public string RecordA => recordA;

        public string RecordB => recordB;

        public string? HashA { get; set; }

        public string? HashB { get; set; }

        public static LinkState From(CdmSyncLink row) => new(row.SyncId, row.WorkspaceId, row.TenantId, row.RecordA, row.RecordB) { HashA = row.HashA, HashB = row.HashB };

        public CdmSyncLink ToRow(DateTimeOffset now) => new()
        {
            SyncId = syncId,
            WorkspaceId = workspaceId,
            TenantId = tenantId,
            RecordA = recordA,
            RecordB = recordB,
            HashA = HashA,
            HashB = HashB,
            UpdatedAt = now,
        };
    }

    private sealed class PassCounts
    {
        public long Read { get; set; }

        public long Created { get; set; }

        public long Updated { get; set; }

        public long Failed { get; set; }
    }
}
