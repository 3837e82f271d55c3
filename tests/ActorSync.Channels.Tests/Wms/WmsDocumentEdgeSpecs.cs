using ActorSync.Channels.Wms;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Tests.Wms;

/// <summary>The WMS movement and dispatch documents at their edges, and the words of each refusal (what the WMS team reads).</summary>
public class WmsDocumentEdgeSpecs
{
    private static string Movement(string kind, string lines, string extra = "") => $$"""
        { "source": "mintsoft", "movements": [
          { "id": "M-1", "kind": "{{kind}}", "occurredAt": "2030-01-15T09:02:00Z", "location": "MAIN"{{extra}}, "lines": [ {{lines}} ] } ] }
        """;

    private static ChannelPayloadException Refused(string json) => Assert.Throws<ChannelPayloadException>(() => WmsMovementParser.Parse(json));

    [Fact]
    public void A_stock_count_adjustment_books_what_it_found_in_what_it_lost_out_and_a_line_that_did_not_move_nowhere()
    {
        var movements = WmsMovementParser.Parse(Movement("adjustment",
            """{ "sku": "ITM00001", "quantity": 3 }, { "sku": "ITM00004", "quantity": 0 }, { "sku": "ITM00002", "quantity": -2.5 }""",
            """, "reference": "CNT-2030-01", "reasonCode": "COUNT" """)).Movements;

        Assert.Equal([(MovementKind.Receipt, "ITM00001", 3m), (MovementKind.Issue, "ITM00002", 2.5m)],
            movements.Select(m => (m.Kind, Assert.Single(m.Lines).Sku, m.Lines[0].Quantity)));
        Assert.All(movements, m => Assert.Equal(("M-1", "CNT-2030-01", "COUNT"), (m.MovementId, m.Reference, m.ReasonCode)));
    }

    [Fact]
    public void A_receipt_of_nothing_is_refused_in_words()
    {
        var error = Refused(Movement("receipt", """{ "sku": "ITM00003", "quantity": 0 }"""));

        Assert.Equal(("movements[0].lines[0].quantity", "must be positive for a receipt, was 0"), (error.Field, error.Problem));
    }

    [Fact]
    public void A_transfer_without_a_destination_says_it_needs_one()
    {
        var error = Refused(Movement("transfer", """{ "sku": "ITM00006", "quantity": 1 }"""));

        Assert.Equal("is missing (a transfer needs a destination)", error.Problem);
    }

    [Fact]
    public void A_batch_expiry_that_is_not_a_day_is_refused_with_an_example()
    {
        var error = Refused(Movement("receipt", """{ "sku": "ITM00003", "quantity": 10, "batch": "B1", "batchExpiry": "28/02/2031" }"""));

        Assert.Equal(("movements[0].lines[0].batchExpiry", "must be a date like 2031-01-01, was \"28/02/2031\""), (error.Field, error.Problem));
    }

    [Fact]
    public void A_time_that_is_neither_an_instant_nor_unix_seconds_is_refused_in_words()
    {
        var error = Refused(Movement("receipt", """{ "sku": "ITM00003", "quantity": 10 }""").Replace("2030-01-15T09:02:00Z", "yesterday", StringComparison.Ordinal));

        Assert.Equal(("movements[0].occurredAt", "must be an ISO-8601 instant or unix seconds, was \"yesterday\""), (error.Field, error.Problem));
    }

    [Fact]
    public void A_document_of_another_shape_says_which_two_shapes_are_read()
    {
        var error = Refused("""{ "orders": [] }""");

        Assert.Equal("is neither a Sitoo warehouse-transaction list nor an ActorSync movement document ({\"source\":…,\"movements\":[…]})", error.Problem);
    }

    private const string Dispatch = """
        { "source": "mintsoft", "dispatches": [
          { "id": "DSP-1", "channel": "magento", "orderId": "000000003", "occurredAt": "2026-11-23T10:00:00Z", "carrier": "DPD",
            "trackingNumbers": [ "", "15501234567890" ], "lines": [ { "sku": "ITM00001", "quantity": 2 } ] } ] }
        """;

    [Fact]
    public void An_empty_tracking_number_is_skipped_for_the_first_real_one()
    {
        Assert.Equal("15501234567890", Assert.Single(WmsDispatchParser.Parse(Dispatch)).TrackingNumber);
    }

    [Theory]
    [InlineData("\"lines\": [ { \"sku\": \"ITM00001\", \"quantity\": 2 } ]", "\"lines\": [ { \"sku\": \"ITM00001\", \"quantity\": -1 } ]", "must be positive, was -1")]
    [InlineData("\"lines\": [ { \"sku\": \"ITM00001\", \"quantity\": 2 } ]", "\"lines\": [ ]", "is empty (a dispatch ships something)")]
    [InlineData("2026-11-23T10:00:00Z", "23.11.2026", "must be an ISO-8601 instant, was \"23.11.2026\"")]
    public void A_bad_dispatch_says_what_is_wrong_in_words(string from, string to, string problem)
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsDispatchParser.Parse(Dispatch.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal(problem, error.Problem);
    }
}
