namespace Fastn.Engine.Triggers.Polling;

/// <summary>
/// One hash partition of the poll subscriptions (key: the partition number, 0 to <see cref="PollingOptions.Partitions"/> - 1).
/// One activation in the cluster polls its partition's due subscriptions, so a subscription is never polled twice at once.
/// </summary>
public interface IPollPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Activates the partition and registers its one-minute keep-alive reminder (idempotent; every node calls it at start-up).</summary>
    Task EnsureAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls one subscription of this partition now, after any run of it already in progress.</summary>
    Task<PollRunResult> PollNowAsync(string subscriptionId, CancellationToken cancellationToken = default);
}
