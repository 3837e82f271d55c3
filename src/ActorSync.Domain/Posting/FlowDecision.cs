using System.Collections.Immutable;

namespace ActorSync.Domain.Posting;

/// <summary>What every flow's decision carries: events to journal, the reply to a command (if any), what to do next.</summary>
public interface IFlowDecision<TEvent>
{
    ImmutableList<TEvent> Events { get; }
    object? ReplyMessage { get; }
    NextStep Next { get; }
}
