using Fastn.Engine.Errors;
using Fastn.Engine.Triggers.Polling;
using Fastn.Storage.Polling;

namespace Fastn.Engine.Tests.Triggers.Polling;

/// <summary>Schedules (interval, cron in a time zone) and the partitioning of subscriptions.</summary>
public sealed class PollScheduleTests
{
    [Fact]
    public void Next_CronInTimeZone_FiresAtLocalTime()
    {
        var schedule = PollSchedule.From(null, "0 9 * * 1-5", "Europe/Paris", TimeSpan.FromMinutes(5));

        // Friday 2026-12-04 10:00 UTC is 11:00 in Paris: the next weekday 09:00 there is Monday 08:00 UTC.
        schedule.Next(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Next_IntervalOrDefault_AddsIt()
    {
        var at = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

        PollSchedule.From(90, null, null, TimeSpan.FromMinutes(5)).Next(at).ShouldBe(at.AddSeconds(90));
        PollSchedule.From(null, null, null, TimeSpan.FromMinutes(5)).Next(at).ShouldBe(at.AddMinutes(5));
    }

    [Theory]
    [InlineData("5m", null, null, 300)]
    [InlineData("90", null, null, 90)]
    [InlineData("00:00:30", null, null, 30)]
    [InlineData(null, "*/10 * * * * *", null, null)]
    public void Validate_GoodSchedules_Accepted(string? interval, string? cron, string? zone, int? seconds)
    {
        PollSchedule.Validate(interval, cron, zone, TimeSpan.FromSeconds(1), out var parsed);

        parsed.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("0s", null, null, "$.schedule.interval")]
    [InlineData("soon", null, null, "$.schedule.interval")]
    [InlineData("5m", "* * * * *", null, "$.schedule")]
    [InlineData(null, "not cron", null, "$.schedule.cron")]
    [InlineData(null, "* * * * *", "Mars/Olympus", "$.schedule.timeZone")]
    [InlineData("5m", null, "UTC", "$.schedule.timeZone")]
    public void Validate_BadSchedules_NameTheField(string? interval, string? cron, string? zone, string path)
    {
        var error = Should.Throw<FastnException>(() => PollSchedule.Validate(interval, cron, zone, TimeSpan.FromSeconds(1), out _));

        error.Category.ShouldBe(ErrorCategory.Validation);
        error.Path.ShouldBe(path);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(100)]
    public void SlotsOf_Partitions_CoverEverySlotOnceAndAgreeWithPartitionOf(int partitions)
    {
        var owners = new int[PollStore.Slots];
        Array.Fill(owners, -1);
        for (var p = 0; p < partitions; p++)
        {
            var (from, to) = PollStore.SlotsOf(p, partitions);
            for (var slot = from; slot < to; slot++)
            {
                owners[slot].ShouldBe(-1, $"slot {slot} is owned twice");
                owners[slot] = p;
            }
        }

        for (var slot = 0; slot < PollStore.Slots; slot++)
        {
            owners[slot].ShouldBe(PollStore.PartitionOf(slot, partitions), $"slot {slot}");
        }
    }

    [Fact]
    public void SlotOf_IsStableAndSpreads()
    {
        PollStore.SlotOf("sub_01JABC").ShouldBe(PollStore.SlotOf("sub_01JABC"));
        var slots = Enumerable.Range(0, 1600).Select(i => PollStore.PartitionOf(PollStore.SlotOf($"sub_{i:D8}"), 16)).GroupBy(p => p).ToList();

        slots.Count.ShouldBe(16);
        slots.ShouldAllBe(g => g.Count() > 50 && g.Count() < 150);
    }
}
