using ActorSync.Engine.Persistence;
using ActorSync.Engine.MasterData;
using ActorSync.Engine.Posting;
using ActorSync.Domain.Documents;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.WarehouseFlow;
using ActorSync.Engine.ExceptionQueue;
using ActorSync.Engine.Gateway;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Journal;
using static ActorSync.Domain.WarehouseFlow.WarehouseEvents;

namespace ActorSync.Engine.Warehouse;

/// <summary>Registry keys.</summary>
public sealed class WarehouseRegion;
public sealed class UnfinishedWarehouseWindows;

/// <summary>
/// Routes a new movement to the window it belongs to (its source, and the window its time falls in: the same movement
/// always reaches the same entity), and everything else by its window id. StartEntity is Akka's own business (AK2001).
/// </summary>
public sealed class WarehouseMessageExtractor(int shardCount, TimeSpan window) : HashCodeMessageExtractor(shardCount)
{
    public override string? EntityId(object message) => message switch
    {
        WarehouseCommands.AcceptMovement accept => WarehouseWindows.IdFor(accept.Movement, window),
        IWithWarehouseWindowId withId => withId.WindowId,
        _ => null,
    };
}

/// <summary>Tags the warehouse events that can move a window into or out of "owes SAP some work", for the unfinished index.</summary>
public sealed class WarehouseEventTagger : IWriteEventAdapter
{
    public const string ProgressTag = "warehouse-progress";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt is WarehouseProgressEvent ? new Tagged(evt, [ProgressTag]) : evt;
}

public static class WarehouseFlowHostingExtensions
{
    /// <summary>Tags the flow's progress events for its unfinished-entities index (registered with the journal).</summary>
    public static readonly JournalTagger Tagger = JournalTagger.Of<WarehouseEventTagger>("warehouse-tagger", typeof(IWarehouseEvent));

    public const string TypeName = "warehouse-movements";

    public static readonly UnfinishedEntitiesIndex.Kind Unfinished = new("warehouse windows", WarehouseEventTagger.ProgressTag,
        WarehouseMovementsEntity.PersistencePrefix, evt => evt is WarehouseProgressEvent p ? p.WorkPending : null, id => new WarehouseMovementsEntity.Wake(id));

    /// <summary>
    /// Window entities sharded over the cluster (<c>warehouse-movements</c>), their journal tagger, and the index that
    /// wakes windows with pending movements or documents after a restart. <paramref name="mapping"/> is the engine's one
    /// mapping (the orders').
    /// </summary>
    public static AkkaConfigurationBuilder AddWarehouseFlow(this AkkaConfigurationBuilder builder, WarehouseFlowSettings settings, OrderMapping mapping)
    {
        settings.Validate();
        var rules = settings.Rules(mapping);
        return builder
            .WithShardRegion<WarehouseRegion>(TypeName,
                (_, registry, resolver) => id => WarehouseMovementsEntity.Props(id, settings, rules, resolver.GetService<ServiceLayerGatewayQueue>(), registry,
                    resolver.GetService<MasterDataSnapshotHolder>(), resolver.GetService<IStockReader>()),
                new WarehouseMessageExtractor(settings.ShardCount, settings.Window),
                new ShardOptions
                {
                    StateStoreMode = StateStoreMode.DData,
                    // Windows passivate themselves once settled; one waiting for its close timer must not be stopped.
                    ShouldPassivateIdleEntities = false,
                    RememberEntities = false,
                })
            .WithSingleton<UnfinishedWarehouseWindows>("unfinished-warehouse-windows",
                (_, registry, _) => UnfinishedEntitiesIndex.Props(registry.Get<WarehouseRegion>(), Unfinished, settings.WakeInterval),
                new ClusterSingletonOptions(), createProxyToo: true);
    }

    /// <summary>Operators' retries of <c>warehouse</c> records (<c>{window}/{movement or document key}</c>) reach the window's entity.</summary>
    public static RecordOwner RecordOwner(IActorRef warehouseRegion) => new(RecordKinds.Warehouse, warehouseRegion,
        recordId =>
        {
            var (windowId, itemKey) = WarehouseWindows.ParseRecordId(recordId);
            return new WarehouseCommands.RetryWarehouseItem(windowId, itemKey);
        },
        answer => answer switch
        {
            WarehouseCommandResult result => new RetryAnswer(!result.IsError, result.Message),
            _ => new RetryAnswer(false, $"Unexpected answer from the warehouse window: {answer.GetType().Name}."),
        });

    /// <summary>For <c>AddExceptionQueue(owners: …)</c>: the warehouse owner, when the flow is registered.</summary>
    public static readonly Func<IReadOnlyActorRegistry, RecordOwner?> Owner =
        registry => registry.TryGet<WarehouseRegion>(out var region) ? RecordOwner(region) : null;
}
