namespace Fastn.Storage.Events;

/// <summary>The kinds of event in the one event list.</summary>
public static class EventKinds
{
    /// <summary>Something Fastn did or saw happen to a connection or session (<c>connection.created</c>…).</summary>
    public const string Platform = "platform";

    /// <summary>Something an app reported through a trigger (a webhook delivery or a poll).</summary>
    public const string Trigger = "trigger";

    /// <summary>Whether <paramref name="kind"/> is one of the kinds.</summary>
    public static bool IsKnown(string? kind) => kind is Platform or Trigger;
}
