using ActorSync.Domain.Posting;
using Akka.Actor;

namespace ActorSync.Engine.Gateway;

// Every node has its own gateway and entities reach it through its in-process queue, so this traffic never crosses
// nodes: it is marked INoSerializationVerificationNeeded, like the entities' timer, PipeTo and self messages.

/// <summary>
/// What an entity asks SAP to do (<see cref="RequestKind"/>): create a document or master data at <paramref name="Path"/>
/// (its entity set), or carry out an action (<c>Orders(12)/Cancel</c>, with no <paramref name="Document"/>). The answer
/// goes to <see cref="ReplyTo"/> as <see cref="DocumentPosted"/>.
/// </summary>
/// <param name="Attempt">Echoed back so the entity can ignore a late answer to an attempt it has given up on.</param>
public sealed record PostDocument(string CorrelationId, int Attempt, RequestKind Kind, string Path, object? Document, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

/// <summary>
/// A look-up of a document by its key (<see cref="LookUpKey.Field"/> is <c>NumAtCard</c>, or another text field where
/// the entity set has none). The answer goes to <see cref="ReplyTo"/> as <see cref="DocumentLookedUp"/>.
/// </summary>
public sealed record LookUpDocument(string CorrelationId, int Attempt, LookUpKey Key, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

public sealed record DocumentPosted(string CorrelationId, int Attempt, PostOutcome Outcome) : INoSerializationVerificationNeeded;

public sealed record DocumentLookedUp(string CorrelationId, int Attempt, LookupOutcome Outcome) : INoSerializationVerificationNeeded;

/// <summary>What the gateway has done since it started; for health pages, the demo and benchmarks.</summary>
public sealed record GatewayStats(long Batches, long DocumentsSent, long Created, long Rejected, long Uncertain, long NotApplied, long Resent, long LookUps, long LookUpQueries) : INoSerializationVerificationNeeded
{
    /// <summary>The limit on batches at SAP now, the latency it sees and why it last changed.</summary>
    public ActorSync.ServiceLayer.Concurrency.ConcurrencyView? Concurrency { get; init; }
}
