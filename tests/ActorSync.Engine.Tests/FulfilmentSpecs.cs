using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests;

/// <summary>An order onward from its sales order, through the whole engine into the emulator: deliveries, invoices, credit notes, cancellation.</summary>
public class FulfilmentSpecs : IAsyncLifetime
{
    private ServiceLayerEmulator _sap = null!;
    private EngineTestHost _engine = null!;
    private string _itemA = "", _itemB = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20);
        (_itemA, _itemB) = (items[0].ItemCode, items[1].ItemCode);
        _engine = await EngineTestHost.StartAsync(EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite()));
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private SyncEngine Engine => _engine.Engine;

    private ChannelOrder AnOrder(string id) => new("magento", id, new DateOnly(2026, 11, 27), "EUR",
        new CustomerRef("ann@example.com", null, true),
        [new OrderLine(_itemA, 3, 10m, 6m, 20m), new OrderLine(_itemB, 2, 20m, 8m, 20m)],
        ShippingAmount: 5m, ShippingTax: 1m, TotalPaid: 90m, ShippingMethod: "standard"); // 30 + 6 + 40 + 8 + 5 + 1

    private async Task<OrderState> PostedOrder(string id)
    {
        var order = AnOrder(id);
        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitOrderAsync(order)).Code);
        return await Until(order.Key.EntityId, s => s.Status == OrderStatus.Posted, "the sales order");
    }

    private async Task<OrderState> Until(string orderId, Func<OrderState, bool> condition, string what)
    {
        OrderState state = OrderState.Empty(orderId);
        await Eventually.HoldsAsync(async () =>
        {
            state = await Engine.GetOrderAsync(orderId);
            return (condition(state), $"{state.Status}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status}"))}");
        }, TimeSpan.FromSeconds(30), what);
        return state;
    }

    private static DispatchConfirmation Dispatch(string orderId, string dispatchId, params (string Sku, decimal Qty)[] lines) =>
        new("magento", orderId, dispatchId, lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), new DateOnly(2026, 11, 28), "DHL", "JD0001");

    [Fact]
    public async Task A_partial_dispatch_becomes_a_delivery_based_on_the_order_then_an_invoice_based_on_the_delivery()
    {
        var stockBefore = _sap.Company.GetStock(_itemA, "01");
        var posted = await PostedOrder("F-1");

        var reply = await Engine.RecordDispatchAsync(Dispatch("F-1", "S1", (_itemA, 2)));
        var state = await Until(posted.OrderId, s => s.Status == OrderStatus.Invoiced, "delivery and invoice");

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        var delivery = Assert.Single(_sap.Company.DeliveryNotes);
        var line = Assert.Single(delivery.Lines);
        Assert.Equal((17, posted.DocEntry, 0, _itemA, 2m), (line.BaseType, line.BaseEntry, line.BaseLine, line.ItemCode, line.Quantity));
        Assert.Equal("MAGENTO-F-1/DS1", delivery.NumAtCard);
        var invoice = Assert.Single(_sap.Company.Invoices);
        Assert.Equal((15, delivery.DocEntry, 0, 2m), (invoice.Lines[0].BaseType, invoice.Lines[0].BaseEntry, invoice.Lines[0].BaseLine, invoice.Lines[0].Quantity));
        var stockAfter = _sap.Company.GetStock(_itemA, "01");
        Assert.Equal(stockBefore.InStock - 2, stockAfter.InStock);
        Assert.Equal(1m, stockAfter.Committed - stockBefore.Committed); // 3 ordered, 2 delivered
        Assert.Equal(state.Jobs.Single(j => j.Key == "invoice:S1").DocEntry, invoice.DocEntry);
    }

    [Fact]
    public async Task A_dispatch_delivered_twice_creates_one_delivery_and_more_than_was_ordered_is_refused()
    {
        var posted = await PostedOrder("F-2");

        var first = await Engine.RecordDispatchAsync(Dispatch("F-2", "S1", (_itemB, 2)));
        var again = await Engine.RecordDispatchAsync(Dispatch("F-2", "S1", (_itemB, 2)));
        var tooMuch = await Engine.RecordDispatchAsync(Dispatch("F-2", "S2", (_itemB, 1)));
        var unknown = await Engine.RecordDispatchAsync(Dispatch("F-2", "S3", ("NOPE", 1)));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Invoiced, "the invoice");
        await Task.Delay(300);

        Assert.Equal(CommandResultCode.Accepted, first.Code);
        Assert.Equal(CommandResultCode.Duplicate, again.Code);
        Assert.Equal(CommandResultCode.Rejected, tooMuch.Code);
        Assert.Contains("more than the 2 ordered", tooMuch.Message);
        Assert.Contains("NOPE is not on order", unknown.Message);
        Assert.Single(_sap.Company.DeliveryNotes);
        Assert.Single(_sap.Company.Invoices);
    }

    [Fact]
    public async Task A_refund_becomes_one_credit_note_based_on_the_invoice_returning_stock_even_when_retried()
    {
        var posted = await PostedOrder("F-3");
        await Engine.RecordDispatchAsync(Dispatch("F-3", "S1", (_itemA, 3), (_itemB, 2)));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Invoiced, "the invoice");
        var stockBefore = _sap.Company.GetStock(_itemB, "01").InStock;
        var refund = new RefundRequest("magento", "F-3", "R1", [new RefundLine(_itemB, 1, 24m)], ShippingRefund: 6m, ReturnToStock: true, new DateOnly(2026, 11, 30));

        var replies = await Task.WhenAll(Engine.RecordRefundAsync(refund), Engine.RecordRefundAsync(refund));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Refunded, "the credit note");
        var late = await Engine.RecordRefundAsync(refund);
        await Task.Delay(300);

        Assert.Equal([CommandResultCode.Accepted, CommandResultCode.Duplicate], replies.Select(r => r.Code).Order());
        Assert.Equal(CommandResultCode.Duplicate, late.Code);
        var creditNote = Assert.Single(_sap.Company.CreditNotes);
        var invoice = Assert.Single(_sap.Company.Invoices);
        var line = Assert.Single(creditNote.Lines);
        Assert.Equal((13, invoice.DocEntry, 1, _itemB, 1m), (line.BaseType, line.BaseEntry, line.BaseLine, line.ItemCode, line.Quantity));
        Assert.False(line.WithoutInventoryMovement);
        Assert.Equal(5m, Assert.Single(creditNote.Expenses).LineTotal); // 6.00 gross shipping at 20 %
        Assert.Equal(stockBefore + 1, _sap.Company.GetStock(_itemB, "01").InStock);
    }

    [Fact]
    public async Task A_written_off_refund_leaves_stock_where_it_is()
    {
        var posted = await PostedOrder("F-4");
        await Engine.RecordDispatchAsync(Dispatch("F-4", "S1", (_itemA, 1)));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Invoiced, "the invoice");
        var stockBefore = _sap.Company.GetStock(_itemA, "01").InStock;

        await Engine.RecordRefundAsync(new RefundRequest("magento", "F-4", "R1", [new RefundLine(_itemA, 1, 12m)], 0, ReturnToStock: false, new DateOnly(2026, 11, 30)));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Refunded, "the credit note");

        Assert.True(Assert.Single(Assert.Single(_sap.Company.CreditNotes).Lines).WithoutInventoryMovement);
        Assert.Equal(stockBefore, _sap.Company.GetStock(_itemA, "01").InStock);
    }

    [Fact]
    public async Task A_shipping_only_refund_becomes_one_service_credit_note_worth_exactly_what_was_refunded()
    {
        var posted = await PostedOrder("F-9");
        var refund = new RefundRequest("magento", "F-9", "R1", [], ShippingRefund: 6m, ReturnToStock: true, new DateOnly(2026, 11, 30));

        var replies = await Task.WhenAll(Engine.RecordRefundAsync(refund), Engine.RecordRefundAsync(refund));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Refunded, "the credit note");
        await Task.Delay(300);

        Assert.Equal([CommandResultCode.Accepted, CommandResultCode.Duplicate], replies.Select(r => r.Code).Order());
        var credit = Assert.Single(_sap.Company.CreditNotes);
        Assert.Equal(("dDocument_Service", 6.00m, "MAGENTO-F-9/RR1"), (credit.DocType, credit.DocTotal, credit.NumAtCard));
        var row = Assert.Single(credit.Lines);
        Assert.Equal(("400000", 5.00m), (row.AccountCode, row.LineTotal));
        Assert.True(string.IsNullOrEmpty(row.ItemCode));
    }

    [Fact]
    public async Task A_refund_of_something_never_dispatched_parks_for_finance_in_the_exception_queue()
    {
        var posted = await PostedOrder("F-5");

        var reply = await Engine.RecordRefundAsync(new RefundRequest("magento", "F-5", "R9", [new RefundLine(_itemA, 1, 12m)], 0, true, new DateOnly(2026, 11, 30)));
        var exceptions = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await exceptions.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Order))).FirstOrDefault(e => e.RecordId == posted.OrderId);
            return (parked is not null, "nothing yet");
        }, TimeSpan.FromSeconds(10), "the exception");

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        Assert.Equal("refund-not-invoiced", parked!.Type);
        Assert.Equal(OwningTeam.Finance, parked.Team);
        Assert.Contains("F-5", parked.OriginalPayload);
        Assert.Empty(_sap.Company.CreditNotes);
    }

    [Fact]
    public async Task Cancelling_a_posted_order_cancels_it_in_sap_and_releases_what_it_committed()
    {
        var committedBefore = _sap.Company.GetStock(_itemA, "01").Committed;
        var posted = await PostedOrder("F-6");

        await Engine.CancelOrderAsync(new OrderCancellation("magento", "F-6", "customer changed mind"));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Cancelled, "the cancellation");

        var order = Assert.Single(_sap.Company.Orders);
        Assert.True(order.Cancelled);
        Assert.Equal(committedBefore, _sap.Company.GetStock(_itemA, "01").Committed);
        Assert.Equal(CommandResultCode.Rejected, (await Engine.RecordDispatchAsync(Dispatch("F-6", "S1", (_itemA, 1)))).Code);
    }

    [Fact]
    public async Task Cancelling_after_a_partial_dispatch_closes_the_order_instead()
    {
        var posted = await PostedOrder("F-7");
        await Engine.RecordDispatchAsync(Dispatch("F-7", "S1", (_itemA, 1)));

        await Engine.CancelOrderAsync(new OrderCancellation("magento", "F-7"));
        await Until(posted.OrderId, s => s.Status == OrderStatus.Cancelled, "the close");

        var order = Assert.Single(_sap.Company.Orders);
        Assert.False(order.Cancelled);
        Assert.Equal("bost_Close", order.DocumentStatus);
        Assert.Single(_sap.Company.Invoices);
    }

    [Fact]
    public async Task An_order_cancelled_before_it_was_posted_never_reaches_sap()
    {
        var order = AnOrder("F-8") with { Lines = [new OrderLine(_itemA, 1, 10m, 2m, 17.5m)] }; // unmapped tax: parks at once

        await Engine.SubmitOrderAsync(order);
        var reply = await Engine.CancelOrderAsync(new OrderCancellation("magento", "F-8"));
        var state = await Until(order.Key.EntityId, s => s.Status == OrderStatus.Cancelled, "the cancellation");

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        Assert.Null(state.DocEntry);
        Assert.Empty(_sap.Company.Orders);
    }
}
