using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Tests.Validation;
using ActorSync.Domain.Validation;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Tests.Warehouse;

/// <summary>
/// What the coalesced warehouse documents say (comments and memo as SAP users read them), every reason a movement is
/// kept out, and the rows' batches, serials and costs.
/// </summary>
public class WarehouseDocumentWordsSpecs
{
    private static readonly DateTimeOffset NineOClock = new(2030, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static WarehouseMovement Move(string id, MovementKind kind, int minute, string location, string? to = null, params MovementLine[] lines) =>
        new("wms", id, kind, NineOClock.AddMinutes(minute), location, lines.ToImmutableList(), to);

    private static WarehousePlan Coalesce(MasterDataSnapshot? snapshot, params WarehouseMovement[] movements) =>
        WarehouseDocumentCoalescer.Coalesce(movements, TestCompany.Mapping(), Window, snapshot);

    private static IEnumerable<string> Reasons(WarehousePlan plan) => plan.Rejected.SelectMany(r => r.Exceptions.Select(e => e.Reason));

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    public void A_window_must_be_positive(int minutes)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WarehouseDocumentCoalescer.Coalesce([], TestCompany.Mapping(), TimeSpan.FromMinutes(minutes)));

        Assert.Equal("window", ex.ParamName);
        Assert.StartsWith("The coalescing window must be positive.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_document_says_what_it_holds_in_its_comments_and_memo()
    {
        var plan = Coalesce(null,
            Move("ASN-7", MovementKind.Receipt, 3, "MAIN", null, new MovementLine("ITM00001", 12.5m, UnitCost: 3.2125m)),
            Move("PICK-2", MovementKind.Issue, 4, "STORE", null, new MovementLine("ITM00002", 1)),
            Move("TR-9", MovementKind.Transfer, 5, "MAIN", "OUTLET", new MovementLine("ITM00001", 2)));

        Assert.Equal(
        [
            ("ActorSync receipts into 01, window 2030-01-15 09:00Z +15 min: wms:ASN-7:Receipt", "ActorSync WMS receipts into 01"),
            ("ActorSync issues from 02, window 2030-01-15 09:00Z +15 min: wms:PICK-2:Issue", "ActorSync WMS issues from 02"),
            ("ActorSync transfers 01 -> 03, window 2030-01-15 09:00Z +15 min: wms:TR-9:Transfer", "ActorSync WMS transfers 01 -> 03"),
        ], plan.Documents.Select(d => d.Posting.Body switch
        {
            SapInventoryDocument i => (i.Comments!, i.JournalMemo!),
            SapStockTransfer t => (t.Comments!, t.JournalMemo!),
            _ => ("", ""),
        }));
    }

    [Fact]
    public void Comments_too_long_for_sap_end_in_an_ellipsis_at_254_characters()
    {
        var many = Enumerable.Range(1, 30).Select(i => Move($"ASN-{i:000}", MovementKind.Receipt, 1, "MAIN", null, new MovementLine("ITM00001", 1))).ToArray();

        var comments = Assert.IsType<SapInventoryDocument>(Assert.Single(Coalesce(null, many).Documents).Posting.Body).Comments!;

        Assert.Equal(254, comments.Length);
        Assert.EndsWith("…", comments, StringComparison.Ordinal);
        Assert.StartsWith("ActorSync receipts into 01, window 2030-01-15 09:00Z +15 min: wms:ASN-001:Receipt, wms:ASN-002:Receipt", comments, StringComparison.Ordinal);
    }

    [Fact]
    public void A_movement_twice_in_one_batch_is_noted_once_counted()
    {
        var asn = Move("ASN-7", MovementKind.Receipt, 3, "MAIN", null, new MovementLine("ITM00001", 12));

        Assert.Equal(["Movement wms:ASN-7:Receipt arrived twice; counted once."], Coalesce(null, asn, asn).Notes);
    }

    [Fact]
    public void Every_reason_a_movement_is_kept_out_is_named_with_the_movement_and_line()
    {
        var plan = Coalesce(null,
            Move("EMPTY", MovementKind.Receipt, 1, "MAIN"),
            Move("TR-1", MovementKind.Transfer, 2, "MAIN", null, new MovementLine("ITM00001", 1)),
            Move("TR-2", MovementKind.Transfer, 3, "MAIN", "NOWHERE", new MovementLine("ITM00001", 1)),
            Move("CNT-4", MovementKind.Issue, 4, "MAIN", null, new MovementLine("ITM00001", 2), new MovementLine("ITM00002", 0), new MovementLine("ITM00003", -1.5m)));

        Assert.Equal(
        [
            "wms receipt EMPTY has no lines.",
            "wms transfer TR-1: a transfer without a destination location.",
            "wms transfer TR-2: wms location 'NOWHERE' has no Mapping:Channels:wms:Locations:NOWHERE:Warehouse.",
            "wms issue CNT-4, line 2 (ITM00002): quantity 0 is not positive.",
            "wms issue CNT-4, line 3 (ITM00003): quantity -1.5 is not positive.",
        ], Reasons(plan));
        Assert.Empty(plan.Documents);
    }

    [Fact]
    public void A_line_at_an_unmapped_location_is_named_and_the_rest_of_the_movement_is_not_checked_against_it()
    {
        var plan = Coalesce(TestCompany.Snapshot(),
            Move("ASN-8", MovementKind.Receipt, 1, "MAIN", null, new MovementLine("ITM00001", 2, Location: "ROOF"), new MovementLine("ITM00002", 1)));

        Assert.Equal(["wms receipt ASN-8, line 1 (ITM00001): wms location 'ROOF' has no Mapping:Channels:wms:Locations:ROOF:Warehouse."], Reasons(plan));
    }

    [Fact]
    public void With_master_data_a_line_into_an_unusable_warehouse_or_a_transfer_to_one_is_kept_out()
    {
        var mapping = TestCompany.Mapping() with
        {
            Locations = TestCompany.Mapping().Locations.SetItem("wms", TestCompany.Mapping().Locations["wms"]
                .SetItem("OLDSITE", new ActorSync.Domain.Mapping.ChannelLocation("OLD", ["OLD"], 0m))),
        };
        var into = Move("ASN-9", MovementKind.Receipt, 1, "OLDSITE", null, new MovementLine("ITM00001", 2));
        var toOld = Move("TR-3", MovementKind.Transfer, 2, "MAIN", "OLDSITE", new MovementLine("ITM00001", 1));

        var plan = WarehouseDocumentCoalescer.Coalesce([into, toOld], mapping, Window, TestCompany.Snapshot());

        Assert.Equal(["ASN-9", "TR-3"], plan.Rejected.Select(r => r.Movement.MovementId));
        Assert.All(plan.Rejected, r => Assert.Contains(r.Exceptions, e => e.Reason.Contains("warehouse OLD", StringComparison.Ordinal) || e.Reason.Contains("'OLD'", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_receipt_carries_its_batch_with_expiry_its_serials_and_its_cost_and_an_issue_never_a_cost()
    {
        var plan = Coalesce(null,
            Move("ASN-1", MovementKind.Receipt, 1, "MAIN", null,
                new MovementLine("ITM00003", 4, "B-0003-D", UnitCost: 7.4125m, BatchExpiry: new DateOnly(2031, 2, 28)),
                new MovementLine("ITM00003", 6, "B-0003-D", UnitCost: 7.4125m, BatchExpiry: new DateOnly(2031, 2, 28)),
                new MovementLine("ITM00003", 2, "B-0003-E", UnitCost: 7.4125m),
                new MovementLine("ITM00006", 2, SerialNumbers: ["SN-7", "SN-8"], UnitCost: 129.99m)),
            Move("OUT-1", MovementKind.Issue, 2, "MAIN", null, new MovementLine("ITM00001", 2, UnitCost: 3.20m)));

        var receipt = Assert.IsType<SapInventoryDocument>(plan.Documents[0].Posting.Body);
        var issue = Assert.IsType<SapInventoryDocument>(plan.Documents[1].Posting.Body);

        Assert.Equal([new SapBatchNumber("B-0003-D", 10, "2031-02-28"), new SapBatchNumber("B-0003-E", 2)], receipt.DocumentLines[0].BatchNumbers!);
        Assert.Equal((12m, (decimal?)7.4125m, (ImmutableList<SapSerialNumber>?)null), (receipt.DocumentLines[0].Quantity, receipt.DocumentLines[0].UnitPrice, receipt.DocumentLines[0].SerialNumbers));
        Assert.Equal([new SapSerialNumber("SN-7"), new SapSerialNumber("SN-8")], receipt.DocumentLines[1].SerialNumbers!);
        Assert.Null(receipt.DocumentLines[1].BatchNumbers);
        Assert.Equal(("ITM00001", (decimal?)null), (issue.DocumentLines.Single().ItemCode, issue.DocumentLines.Single().UnitPrice));
    }

    [Fact]
    public void The_document_key_does_not_depend_on_the_order_the_movements_arrived_in()
    {
        var a = Move("ASN-A", MovementKind.Receipt, 5, "MAIN", null, new MovementLine("ITM00001", 1));
        var b = Move("ASN-B", MovementKind.Receipt, 5, "MAIN", null, new MovementLine("ITM00002", 1));
        var c = Move("ASN-C", MovementKind.Receipt, 2, "MAIN", null, new MovementLine("ITM00002", 1));

        var one = Assert.Single(Coalesce(null, a, b, c).Documents);
        var other = Assert.Single(Coalesce(null, c, b, a).Documents);

        Assert.Equal(one.Posting.Key, other.Posting.Key);
        Assert.Equal(["wms:ASN-C:Receipt", "wms:ASN-A:Receipt", "wms:ASN-B:Receipt"], one.MovementKeys);
        Assert.Equal(one.MovementKeys, other.MovementKeys);
    }
}
