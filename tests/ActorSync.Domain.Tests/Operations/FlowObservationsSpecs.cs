using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Operations;
using ActorSync.Domain.Tests.Journal;

namespace ActorSync.Domain.Tests.Operations;

/// <summary>What the flows' journaled events count for operators: records in, documents in SAP, parked work, lock waits.</summary>
public class FlowObservationsSpecs
{
    private static IEnumerable<FlowObservation> Observed(string area) =>
        JournalSamples.ByArea[area].SelectMany(s => s.Entries).SelectMany(FlowObservations.Of);

    [Fact]
    public void A_fulfilled_order_counts_once_received_its_sales_order_and_each_later_document_posted()
    {
        var fulfilled = JournalSamples.ByArea["orders"][0];
        var observed = fulfilled.Entries.SelectMany(FlowObservations.Of).ToList();

        var received = Assert.Single(observed.OfType<FlowObservation.Received>());
        Assert.Equal(("orders", "magento"), (received.Flow, received.Source));
        var posted = observed.OfType<FlowObservation.Posted>().ToList();
        Assert.Equal(FlowObservations.SalesOrder, posted[0].Document);
        Assert.True(posted.Count > 1, "the delivery, invoice and credit note follow the sales order");
        Assert.All(posted.Skip(1), p => Assert.NotEqual(FlowObservations.SalesOrder, p.Document));
        Assert.All(posted, p => Assert.Equal(received.EntityId, p.EntityId));
    }

    [Fact]
    public void Parked_work_counts_with_its_type_and_owning_team_and_lock_answers_as_waits()
    {
        var all = new[] { "orders", "pos", "warehouse" }.SelectMany(Observed).ToList();
        var parked = all.OfType<FlowObservation.Parked>().ToList();
        var tracking = ExceptionTypes.TrackingRejected("x");
        var locked = ExceptionTypes.LockTimeout(1, "x");

        Assert.Contains(parked, p => p.Flow == FlowObservations.Orders && p.Type == tracking.Type && p.Team == tracking.Team);
        Assert.Contains(parked, p => p.Flow == FlowObservations.Pos && p.Type == locked.Type && p.Team == locked.Team);
        Assert.Contains(all, o => o is FlowObservation.LockWait { Flow: FlowObservations.Pos, Attempts: 2 });
        Assert.Equal(2, all.OfType<FlowObservation.LockWait>().Count(l => l.Flow == FlowObservations.Orders));
    }

    [Fact]
    public void Pos_and_warehouse_records_count_under_their_own_flow_and_source()
    {
        var pos = Observed("pos").ToList();
        var warehouse = Observed("warehouse").ToList();

        Assert.All(pos, o => Assert.Equal(FlowObservations.Pos, o.Flow));
        Assert.All(warehouse, o => Assert.Equal(FlowObservations.Warehouse, o.Flow));
        Assert.Equal(2, pos.OfType<FlowObservation.Received>().Count()); // a sale and its return
        Assert.All(pos.OfType<FlowObservation.Received>(), r => Assert.Equal("sitoo", r.Source));
        Assert.Contains(warehouse, o => o is FlowObservation.Received { Source: "wms" });
        Assert.Contains(warehouse, o => o is FlowObservation.Posted);
    }

    [Fact]
    public void Events_of_other_areas_and_snapshots_count_nothing()
    {
        foreach (var area in new[] { "stock", "exceptions", "connectors", "sitoo", "magento" })
            Assert.Empty(Observed(area));
    }
}
