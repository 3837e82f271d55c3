using Akka.Actor;
using ActorSync.Domain.Posting;

namespace ActorSync.Engine.Gateway;

// Every node has its own gateway and entities reach it through its in-process queue, so this traffic never crosses
// nodes: it is marked INoSerializationVerificationNeeded, like the entities' timer, PipeTo and self messages.

/// <summary>
/// A document an entity wants created in SAP (<paramref name="Path"/> is its entity set), or an action on one
/// (<c>Orders(12)/Cancel</c>, with no <paramref name="Document"/>). The answer goes to <see cref="ReplyTo"/> as <see cref="DocumentPosted"/>.
/// </summary>
/// <param name="Attempt">Echoed back so the entity can ignore a late answer to an attempt it has given up on.</param>
/// <param name="CreatesDocument">False for master data (a business partner): SAP's answer then carries no DocEntry.</param>
public sealed record PostDocument(string CorrelationId, int Attempt, string Path, object? Document, IActorRef ReplyTo, bool CreatesDocument = true) : INoSerializationVerificationNeeded
{
    /// <summary>An action, or master data: success is <see cref="PostOutcome.Applied"/>, with no document keys to read.</summary>
    public bool IsAction => Document is null || !CreatesDocument;
}

/// <summary>
/// A look-up of a document by its key, in <c>NumAtCard</c> unless <paramref name="KeyField"/> names another text field
/// (payments and stock transfers have no NumAtCard). The answer goes to <see cref="ReplyTo"/> as <see cref="DocumentLookedUp"/>.
/// </summary>
/// <param name="NumAtCard">The key's value, in <paramref name="KeyField"/>.</param>
public sealed record LookUpDocument(string CorrelationId, int Attempt, string EntitySet, string NumAtCard, IActorRef ReplyTo, string KeyField = "NumAtCard") : INoSerializationVerificationNeeded;

public sealed record DocumentPosted(string CorrelationId, int Attempt, PostOutcome Outcome) : INoSerializationVerificationNeeded;

public sealed record DocumentLookedUp(string CorrelationId, int Attempt, LookupOutcome Outcome) : INoSerializationVerificationNeeded;

/// <summary>What the gateway has done since it started; for health pages, the demo and benchmarks.</summary>
public sealed record GatewayStats(long Batches, long DocumentsSent, long Created, long Rejected, long Uncertain, long NotApplied, long Resent, long LookUps, long LookUpQueries) : INoSerializationVerificationNeeded;
