using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Reconciliation;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Engine.Tests.Infrastructure;
using static ActorSync.Engine.Tests.Reconciliation.ReconRig;

namespace ActorSync.Engine.Tests.Reconciliation;

/// <summary>
/// Reconciliation against the emulators: channel and SAP in step find nothing; each kind of drift seeded into them
/// (an order missing in SAP, Magento's and a Sitoo webshop's, an SAP order the channel does not know, a refund without credit note, a shipment without
/// delivery, a till day off in one method, a channel showing more stock than SAP allows) is found with its owner and
/// raised once in the exception queue; an unreachable channel is reported as not checked and clears nothing.
/// </summary>
public class ReconciliationSpecs
{
    [Fact]
    public async Task A_clean_run_compares_every_flow_and_finds_nothing()
    {
        await using var rig = await StartAsync();
        await rig.StartInStepAsync();

        var run = await rig.RunAsync();

        Assert.Empty(run.NotChecked);
        Assert.True(run.Findings.IsEmpty, string.Join("\n", run.Findings.Select(f => f.Detail)));
        var compared = run.Results.ToDictionary(r => r.Unit, r => r.Compared);
        Assert.True(compared["magento/orders"] >= 3 && compared["magento/dispatches"] == 2 && compared["magento/refunds"] == 1 && compared["sitoo/pos"] == 3
            && compared["sitoo/stock"] == 5 && compared["sitoo/orders"] == 3, string.Join(", ", compared));
        Assert.DoesNotContain(await rig.Host.Queue.ListAsync(), e => e.RecordKind == ReconFindingKinds.RecordKind);
        var metrics = await rig.Host.Http.GetStringAsync("/metrics");
        Assert.Contains("actorsync_reconciliation_findings{kind=\"recon-order-missing-in-sap\"} 0", metrics);
        Assert.Contains("actorsync_reconciliation_findings{kind=\"recon-stock-above-sap\"} 0", metrics);
    }

    [Fact]
    public async Task Each_kind_of_drift_is_found_with_its_owner_raised_once_and_an_unreachable_channel_is_not_checked()
    {
        await using var rig = await StartAsync();
        await rig.StartInStepAsync();
        var (shipped, unshipped) = (rig.Orders[1], rig.Orders[2]);

        // The channel moves on without the engine hearing of it.
        var missing = rig.Magento.State.Generate(1, ["processing"])[0];
        var webMissing = rig.Sitoo.State.Generate(1, [SitooOrderKind.WebshopPaid])[0];
        Assert.Null(rig.Magento.Refund(shipped).Problem);
        Assert.Null(rig.Magento.Ship(unshipped).Problem);
        var overStocked = rig.StockSkus[2];
        rig.Sitoo.State.Inventory.SetAll([("1", overStocked, rig.SapAllows(overStocked) + 4.5m)]);
        // Someone in SAP keys an order under Magento's prefix, and books a card payment of 18.35 against a till receipt twice.
        await rig.PostInSapAsync("Orders", """{"CardCode":"C00001","NumAtCard":"MAGENTO-000999001","DocDueDate":"2030-01-20","DocumentLines":[{"ItemCode":"ITM00001","Quantity":2,"WarehouseCode":"01","UnitPrice":12.49,"VatGroup":"O1"}]}""");
        var receipt = rig.Receipts[0];
        await rig.PostInSapAsync("IncomingPayments",
            $$"""{"CardCode":"POSGUEST","TransferAccount":"161010","TransferSum":18.35,"Remarks":"sitoo POS payment {{receipt}}: Card (ActorSync)"}""");

        var run = await rig.RunAsync();

        Assert.Empty(run.NotChecked);
        var found = run.Findings.Select(f => (f.Kind, f.Subject)).OrderBy(f => f.Kind).ThenBy(f => f.Subject, StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            (FindingKind.OrderMissingInSap, $"magento:{rig.IncrementId(missing)}"),
            (FindingKind.OrderMissingInSap, $"sitoo:{webMissing}"),
            (FindingKind.SapOrderUnknownToChannel, "MAGENTO-000999001"),
            (FindingKind.RefundWithoutCreditNote, $"{rig.NumAtCard(shipped)}/R{rig.Magento.GetCreditMemos(shipped).Single()["increment_id"]}"),
            (FindingKind.DispatchWithoutDelivery, $"{rig.NumAtCard(unshipped)}/D{rig.Magento.GetShipments(unshipped).Single()["increment_id"]}"),
            (FindingKind.PosTakingsDiffer, $"sitoo store 1 {DateTimeOffset.UtcNow:yyyy-MM-dd} Card"),
            (FindingKind.StockAboveSap, $"sitoo/1/{overStocked}"),
        ], found);
        Assert.Contains("actorsync_reconciliation_findings{kind=\"recon-pos-takings-differ\"} 1", await rig.Host.Http.GetStringAsync("/metrics"));
        Assert.Equal(-18.35m, run.Findings.Single(f => f.Kind == FindingKind.PosTakingsDiffer) is var pos ? pos.ChannelValue - pos.SapValue : null);

        var raised = (await rig.Host.Queue.ListAsync()).Where(e => e.RecordKind == ReconFindingKinds.RecordKind).ToList();
        Assert.Equal(
            [("recon-dispatch-without-delivery", OwningTeam.Operations), ("recon-order-missing-in-sap", OwningTeam.Integration), ("recon-order-missing-in-sap", OwningTeam.Integration), ("recon-pos-takings-differ", OwningTeam.Finance),
             ("recon-refund-without-credit-note", OwningTeam.Finance), ("recon-sap-order-unknown-to-channel", OwningTeam.Finance), ("recon-stock-above-sap", OwningTeam.Operations)],
            raised.Select(e => (e.Details.Type, e.Details.Team)).Order());

        // Magento goes down: its flows are not checked, so what was found there stays open; what is fixed in Sitoo clears.
        rig.Magento.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        rig.Sitoo.State.Inventory.SetAll([("1", overStocked, rig.SapAllows(overStocked))]);
        var next = await rig.RunAsync();

        Assert.Equal(["magento/dispatches", "magento/orders", "magento/refunds"], next.NotChecked.Select(r => r.Unit).Order());
        Assert.All(next.NotChecked, r => Assert.Contains("503", r.NotChecked));
        Assert.Equal([$"stock:sitoo:1:{overStocked}"], next.Cleared);
        Assert.Empty(next.Raised!);
        await Eventually.HoldsAsync(async () =>
        {
            var open = (await rig.Host.Queue.ListAsync()).Where(e => e.RecordKind == ReconFindingKinds.RecordKind && e.Status == ExceptionStatus.Open).ToList();
            return (open.Count == 6 && open.All(e => e.Attempts == 1) && open.All(e => e.Details.Type != "recon-stock-above-sap"),
                string.Join(", ", open.Select(e => $"{e.Details.Type} x{e.Attempts}")));
        }, Patience, "the stock finding resolved, the rest open and raised once");
    }
}
