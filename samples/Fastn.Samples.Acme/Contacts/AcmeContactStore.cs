using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fastn.Samples.Acme.Contacts;

/// <summary>
/// In-memory, thread-safe contacts. Listing is ordered by creation sequence, which never changes, so cursor
/// pagination is stable while records are updated; <see cref="Changed"/> reports every write.
/// </summary>
public sealed class AcmeContactStore
{
    private readonly AcmeOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SortedList<long, AcmeContact> _bySequence = [];
    private readonly Dictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByEmail = new(StringComparer.OrdinalIgnoreCase);
    private long _nextSequence;

    internal AcmeContactStore(AcmeOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Reset();
    }

    /// <summary>Raised after each create, update or delete (not for seeding or <see cref="Reset"/>).</summary>
    public event Action<AcmeContactChange>? Changed;

    /// <summary>Number of contacts.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _bySequence.Count;
            }
        }
    }

    /// <summary>Drops every contact and seeds the deterministic fake contacts again.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _bySequence.Clear();
            _sequenceById.Clear();
            _idByEmail.Clear();
            _nextSequence = 0;
            foreach (var contact in AcmeContactSeeder.Generate(_options.SeedContactCount, _options.Seed))
            {
                AddLocked(contact);
            }
        }
    }

    /// <summary>
    /// Returns up to <paramref name="limit"/> contacts after <paramref name="cursor"/>, optionally only those
    /// with <c>updated_at &gt;= updatedSince</c>. A cursor carries its filter, so <paramref name="updatedSince"/>
    /// is ignored when a cursor is given.
    /// </summary>
    /// <exception cref="FormatException">The cursor was not produced by this store.</exception>
    public AcmeContactPage List(int limit, string? cursor = null, DateTimeOffset? updatedSince = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = -1L;
        if (!string.IsNullOrEmpty(cursor))
        {
            (after, updatedSince) = DecodeCursor(cursor);
        }

        lock (_lock)
        {
            var page = _bySequence
                .Where(e => e.Key > after && (updatedSince is null || e.Value.UpdatedAt >= updatedSince))
                .Take(limit + 1)
                .ToList();
            var hasMore = page.Count > limit;
            var data = page.Take(limit).Select(e => e.Value).ToList();
            var next = hasMore ? EncodeCursor(page[limit - 1].Key, updatedSince) : null;
            return new AcmeContactPage(data, next);
        }
    }

    /// <summary>Returns the contact or null.</summary>
    public AcmeContact? Get(string id)
    {
        lock (_lock)
        {
            return _sequenceById.TryGetValue(id, out var sequence) ? _bySequence[sequence] : null;
        }
    }

    /// <summary>Creates a contact from <paramref name="draft"/>, assigning its id and timestamps.</summary>
    public (AcmeWriteStatus Status, AcmeContact? Contact) Create(AcmeContact draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        AcmeContact created;
        lock (_lock)
        {
            if (_idByEmail.ContainsKey(draft.Email))
            {
                return (AcmeWriteStatus.EmailTaken, null);
            }

            var now = Now();
            created = draft with { Id = NewId(), CreatedAt = now, UpdatedAt = now };
            AddLocked(created);
        }

        Changed?.Invoke(new AcmeContactChange(AcmeContactChange.Created, created));
        return (AcmeWriteStatus.Ok, created);
    }

    /// <summary>Applies <paramref name="change"/> to a contact; its id and created_at are kept, updated_at is set.</summary>
    public (AcmeWriteStatus Status, AcmeContact? Contact) Update(string id, Func<AcmeContact, AcmeContact> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        AcmeContact updated;
        lock (_lock)
        {
            if (!_sequenceById.TryGetValue(id, out var sequence))
            {
                return (AcmeWriteStatus.NotFound, null);
            }

            var current = _bySequence[sequence];
            var now = Now();
            updated = change(current) with
            {
                Id = current.Id,
                CreatedAt = current.CreatedAt,
                UpdatedAt = now > current.UpdatedAt ? now : current.UpdatedAt.AddMilliseconds(1),
            };
            if (!string.Equals(updated.Email, current.Email, StringComparison.OrdinalIgnoreCase))
            {
                if (_idByEmail.ContainsKey(updated.Email))
                {
                    return (AcmeWriteStatus.EmailTaken, null);
                }

                _idByEmail.Remove(current.Email);
            }

            _idByEmail[updated.Email] = id;
            _bySequence[sequence] = updated;
        }

        Changed?.Invoke(new AcmeContactChange(AcmeContactChange.Updated, updated));
        return (AcmeWriteStatus.Ok, updated);
    }

    /// <summary>Deletes a contact and returns it, or null when it does not exist.</summary>
    public AcmeContact? Delete(string id)
    {
        AcmeContact removed;
        lock (_lock)
        {
            if (!_sequenceById.Remove(id, out var sequence))
            {
                return null;
            }

            removed = _bySequence[sequence];
            _bySequence.Remove(sequence);
            _idByEmail.Remove(removed.Email);
        }

        Changed?.Invoke(new AcmeContactChange(AcmeContactChange.Deleted, removed));
        return removed;
    }

    internal static bool IsValidCursor(string cursor)
    {
        try
        {
            DecodeCursor(cursor);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void AddLocked(AcmeContact contact)
    {
        var sequence = _nextSequence++;
        _bySequence.Add(sequence, contact);
        _sequenceById[contact.Id] = sequence;
        _idByEmail[contact.Email] = contact.Id;
    }

    private DateTimeOffset Now()
    {
        // Millisecond precision, so a timestamp read from JSON compares equal to the stored one.
        var now = _time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static string NewId() => "ct_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string EncodeCursor(long sequence, DateTimeOffset? updatedSince) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"v1:{sequence.ToString(CultureInfo.InvariantCulture)}:{updatedSince?.UtcTicks.ToString(CultureInfo.InvariantCulture)}"));

    private static (long Sequence, DateTimeOffset? UpdatedSince) DecodeCursor(string cursor)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new FormatException("The cursor is not valid.");
        }

        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0] != "v1"
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new FormatException("The cursor is not valid.");
        }

        if (parts[2].Length == 0)
        {
            return (sequence, null);
        }

        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException("The cursor is not valid.");
        }

        return (sequence, new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
