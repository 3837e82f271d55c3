using ActorSync.Domain.Validation;
using ActorSync.Engine.MasterData;
using Akka.Actor;

namespace ActorSync.Engine.Posting;

/// <summary>
/// An entity's read of SAP's batch and serial stock before it posts a document that takes stock out. Like a request
/// to the gateway, the answer comes back as a message (PipeTo), never awaited inside the actor; while a read is
/// under way the entity sends nothing, because the answer decides what its document carries.
/// </summary>
public sealed class StockReads(MasterDataSnapshotHolder masterData, IStockReader reader)
{
    public sealed record Read(StockReading Reading) : INoSerializationVerificationNeeded;
    public sealed record Failed(string Reason) : INoSerializationVerificationNeeded;

    public bool InFlight { get; private set; }

    /// <summary>The master data that says which items are batch- or serial-managed (null until loaded).</summary>
    public MasterDataSnapshot? MasterData => masterData.Current;

    public void Start(IActorRef self, IReadOnlyCollection<StockPlace> places)
    {
        InFlight = true;
        reader.ReadAsync(places).PipeTo(self, success: reading => new Read(reading), failure: ex => new Failed(ex.GetBaseException().Message));
    }

    /// <summary>The answer arrived; the master data it is to be picked against, if still loaded.</summary>
    public MasterDataSnapshot? Finish()
    {
        InFlight = false;
        return masterData.Current;
    }
}
