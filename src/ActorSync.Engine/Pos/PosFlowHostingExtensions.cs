using ActorSync.Engine.Persistence;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.PosFlow;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Gateway;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Journal;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Engine.Pos;

/// <summary>Registry keys.</summary>
public sealed class PosRegion;
public sealed class UnfinishedPosTransactions;

/// <summary>Routes every <see cref="IWithPosTransactionId"/> message to its transaction's shard (StartEntity is Akka's own business, AK2001).</summary>
public sealed class PosMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    public override string? EntityId(object message) => message is IWithPosTransactionId withId ? withId.TransactionId : null;
}

/// <summary>Tags the POS events that can move a transaction into or out of "owes SAP some work", for the unfinished index.</summary>
public sealed class PosEventTagger : IWriteEventAdapter
{
    public const string ProgressTag = "pos-progress";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is PosProgressEvent ? new Tagged(evt, [ProgressTag]) : evt;
}

public static class PosFlowHostingExtensions
{
    /// <summary>Tags the flow's progress events for its unfinished-entities index (registered with the journal).</summary>
    public static readonly JournalTagger Tagger = JournalTagger.Of<PosEventTagger>("pos-tagger", typeof(IPosEvent));

    public const string TypeName = "pos-transaction";

    /// <summary>What the unfinished index needs to know about POS transactions.</summary>
    public static readonly UnfinishedEntitiesIndex.Kind Unfinished = new("POS transactions", PosEventTagger.ProgressTag,
        PosTransactionEntity.PersistencePrefix, evt => evt is PosProgressEvent p ? p.WorkPending : null, id => new PosTransactionEntity.Wake(id));

    /// <summary>
    /// POS transaction entities sharded over the cluster (<c>pos-transaction</c>), their journal tagger, and the index
    /// that wakes unfinished ones after a restart. <paramref name="mapping"/> is the engine's one mapping (the orders').
    /// </summary>
    public static AkkaConfigurationBuilder AddPosFlow(this AkkaConfigurationBuilder builder, PosFlowSettings settings, OrderMapping mapping)
    {
        settings.Validate();
        var rules = settings.Rules(mapping);
        return builder
            .WithShardRegion<PosRegion>(TypeName,
                (_, registry, resolver) => id => PosTransactionEntity.Props(id, settings, rules, resolver.GetService<ServiceLayerGatewayQueue>(), registry,
                    resolver.GetService<MasterDataSnapshotHolder>(), resolver.GetService<IStockReader>()),
                new PosMessageExtractor(settings.ShardCount),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    // Transactions passivate themselves once settled; one waiting out a lock on a timer must not be stopped.
                    ShouldPassivateIdleEntities = false,
                    RememberEntities = false,
                })
            .WithSingleton<UnfinishedPosTransactions>("unfinished-pos-transactions",
                (_, registry, _) => UnfinishedEntitiesIndex.Props(registry.Get<PosRegion>(), Unfinished, settings.WakeInterval),
                new ClusterSingletonOptions(), createProxyToo: true);
    }

    /// <summary>Operators' retries of <c>pos</c> records reach the transaction's entity through the region.</summary>
    public static RecordOwner RecordOwner(IActorRef posRegion) => new(RecordKinds.Pos, posRegion,
        id => new PosCommands.RetryPosTransaction(id),
        answer => answer switch
        {
            PosCommandResult result => new RetryAnswer(!result.IsError, result.Message),
            _ => new RetryAnswer(false, $"Unexpected answer from the POS transaction: {answer.GetType().Name}."),
        });

    /// <summary>For <c>AddExceptionQueue(owners: …)</c>: the POS owner, when the flow is registered.</summary>
    public static readonly Func<IReadOnlyActorRegistry, RecordOwner?> Owner =
        registry => registry.TryGet<PosRegion>(out var region) ? RecordOwner(region) : null;
}
