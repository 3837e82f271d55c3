using System.Collections.Immutable;

namespace ActorSync.Domain.Posting;

/// <summary>What every flow's decision carries: events to journal, the reply to a command (if any), what to do next.</summary>
public interface IFlowDecision<TEvent>
{
    ImmutableList<TEvent> Events { get; }
    object? ReplyMessage { get; }
    NextStep Next { get; }
}

public static class ProgressStamps
{
    /// <summary>
    /// Stamps every progress event with whether work is still owed once it has been applied, so the journal alone
    /// tells the unfinished-entities index whom to wake. <paramref name="stamp"/> sets the flag on a flow's progress
    /// events and leaves its other events as they are.
    /// </summary>
    public static ImmutableList<TEvent> Stamp<TState, TEvent>(TState state, ImmutableList<TEvent> events, Func<TState, TEvent, TState> evolve,
        Func<TState, bool> workPending, Func<TEvent, bool, TEvent> stamp)
    {
        var stamped = ImmutableList.CreateBuilder<TEvent>();
        foreach (var evt in events)
        {
            state = evolve(state, evt);
            stamped.Add(stamp(evt, workPending(state)));
        }
        return stamped.ToImmutable();
    }
}
