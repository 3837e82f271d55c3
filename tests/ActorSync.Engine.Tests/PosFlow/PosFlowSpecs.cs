using System.Collections.Immutable;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ActorSync.Engine.Tests.PosFlow;

/// <summary>POS receipts through the whole engine into the emulator: invoices and payments, returns, duplicates, lost answers, parked mappings, restarts.</summary>
public class PosFlowSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceLayerEmulator _sap = null!;
    private EngineSettings _settings = null!;
    private EngineTestHost _engine = null!;
    private string _itemA = "", _itemB = "";

    public async Task InitializeAsync()
    {
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 100 } });
        var items = _sap.Company.FirstPlainActiveItemsWithStock(2, 20, "02");
        (_itemA, _itemB) = (items[0].ItemCode, items[1].ItemCode);
        _settings = FlowTestSettings.For(_sap, TestDatabases.NewSqlite());
        _engine = await EngineTestHost.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _sap.DisposeAsync();
    }

    private SyncEngine Engine => _engine.Engine;

    /// <summary>2 x A at 10.00 + 1 x B at 25.00 net, 20 % VAT: 54.00 paid as 20.00 cash and 34.00 by card.</summary>
    private PosTransaction Sale(string id, params PosPayment[] payments) => new("sitoo", id, PosTransactionKind.Sale, new DateOnly(2026, 11, 27), "EUR",
        new CustomerRef(null, null, true), "1",
        [new PosLine(_itemA, 2, 20.00m, 4.00m, 20), new PosLine(_itemB, 1, 25.00m, 5.00m, 20)],
        payments.Length > 0 ? [.. payments] : [new PosPayment("Cash", 20.00m), new PosPayment("Card", 34.00m, "AUTH-77", "Visa")], 54.00m, RegisterId: "R1");

    private async Task<PosTransactionState> Until(string id, Func<PosTransactionState, bool> condition, string what, EngineTestHost? host = null)
    {
        var state = PosTransactionState.Empty(id);
        await Eventually.HoldsAsync(async () =>
        {
            state = await (host ?? _engine).Engine.GetPosTransactionAsync(id);
            return (condition(state), $"{state.Status}, jobs {string.Join(", ", state.Jobs.Select(j => $"{j.Key}={j.Status}"))}, {state.LastProblem}");
        }, Patience, what);
        return state;
    }

    private IReadOnlyList<PaymentDocument> PaymentsOf(int invoiceEntry) =>
        _sap.Company.IncomingPayments.Where(p => p.PaymentInvoices.Any(i => i.DocEntry == invoiceEntry)).ToList();

    [Fact]
    public async Task A_sale_becomes_one_invoice_and_a_payment_per_tender_on_its_mapped_account_and_the_invoice_is_paid()
    {
        var stockBefore = _sap.Company.GetStock(_itemA, "02").InStock;

        var reply = await Engine.SubmitPosTransactionAsync(Sale("P-1"));
        var state = await Until("sitoo:P-1", s => s.Status == PosStatus.Posted, "the invoice and both payments");

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        var invoice = Assert.Single(_sap.Company.Invoices);
        Assert.Equal(("SITOO-P-1", "POSGUEST", 54.00m, 54.00m, "bost_Close"), (invoice.NumAtCard, invoice.CardCode, invoice.DocTotal, invoice.PaidToDate, invoice.DocumentStatus));
        Assert.All(invoice.Lines, l => Assert.Equal(("02", -1), (l.WarehouseCode, l.BaseType)));
        var payments = _sap.Company.IncomingPayments.OrderBy(p => p.DocEntry).ToList();
        Assert.Equal(2, payments.Count);
        Assert.Equal(("100000", 20.00m, (string?)null), (payments[0].CashAccount, payments[0].CashSum, payments[0].TransferAccount));
        Assert.Equal(("161010", 34.00m, "AUTH-77"), (payments[1].TransferAccount, payments[1].TransferSum, payments[1].TransferReference));
        Assert.All(payments, p => Assert.Equal((invoice.DocEntry, "POSGUEST"), (Assert.Single(p.PaymentInvoices).DocEntry, p.CardCode)));
        Assert.Equal(stockBefore - 2, _sap.Company.GetStock(_itemA, "02").InStock);
        Assert.Equal(invoice.DocEntry, state.Jobs[0].DocEntry);
    }

    [Fact]
    public async Task The_same_sale_delivered_twice_posts_one_invoice_and_one_of_each_payment()
    {
        var replies = await Task.WhenAll(Engine.SubmitPosTransactionAsync(Sale("P-2")), Engine.SubmitPosTransactionAsync(Sale("P-2")));
        await Until("sitoo:P-2", s => s.Status == PosStatus.Posted, "the sale to post");
        var late = await Engine.SubmitPosTransactionAsync(Sale("P-2"));
        var changed = await Engine.SubmitPosTransactionAsync(Sale("P-2", new PosPayment("Cash", 54.00m)));
        await Task.Delay(500);

        Assert.Equal([CommandResultCode.Accepted, CommandResultCode.Duplicate], replies.Select(r => r.Code).Order());
        Assert.Equal(CommandResultCode.Duplicate, late.Code);
        Assert.Equal(CommandResultCode.Conflict, changed.Code);
        Assert.Single(_sap.Company.Invoices);
        Assert.Equal(2, _sap.Company.IncomingPayments.Count);
    }

    [Fact]
    public async Task Answers_lost_after_sap_committed_still_leave_one_invoice_and_one_of_each_payment()
    {
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(1, "Invoices") });
        _sap.ApplyFaults(new FaultSettings { DropResponseAfterCommit = new DropResponseFault(2, "IncomingPayments") });

        await Engine.SubmitPosTransactionAsync(Sale("P-3"));
        var state = await Until("sitoo:P-3", s => s.Status == PosStatus.Posted, "the sale to post despite the lost answers");
        await Task.Delay(500);

        var invoice = Assert.Single(_sap.Company.Invoices);
        Assert.Equal(2, PaymentsOf(invoice.DocEntry).Count);
        Assert.Equal(2, _sap.Company.IncomingPayments.Count);
        Assert.Equal((54.00m, "bost_Close"), (invoice.PaidToDate, invoice.DocumentStatus));
        Assert.Contains(state.Jobs, j => j.EntitySet == "IncomingPayments");
        var gateway = await Engine.GetGatewayStatsAsync();
        Assert.True(gateway.Uncertain >= 2, "the dropped answers should have been seen as uncertain");
        Assert.True(gateway.LookUps >= 2, "an uncertain document must be looked up before any new post");
    }

    [Fact]
    public async Task A_return_becomes_a_credit_note_based_on_its_sales_invoice_returning_the_goods_to_the_store_and_its_refund_settles_it()
    {
        await Engine.SubmitPosTransactionAsync(Sale("P-4"));
        await Until("sitoo:P-4", s => s.Status == PosStatus.Posted, "the sale");
        var stockBefore = _sap.Company.GetStock(_itemB, "02").InStock;
        var giveBack = new PosTransaction("sitoo", "P-4R", PosTransactionKind.Return, new DateOnly(2026, 11, 28), "EUR", new CustomerRef(null, null, true), "1",
            [new PosLine(_itemB, 1, 25.00m, 5.00m, 20)], [new PosPayment("Cash", 30.00m)], 30.00m, OriginalExternalId: "P-4");

        var reply = await Engine.SubmitPosTransactionAsync(giveBack);
        var state = await Until("sitoo:P-4R", s => s.Status == PosStatus.Posted, "the credit note and its refund");

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        var invoice = Assert.Single(_sap.Company.Invoices);
        var credit = Assert.Single(_sap.Company.CreditNotes);
        var line = Assert.Single(credit.Lines);
        Assert.Equal((13, invoice.DocEntry, 1, _itemB, 1m), (line.BaseType, line.BaseEntry, line.BaseLine, line.ItemCode, line.Quantity));
        Assert.Equal(("SITOO-P-4R", "POSGUEST", 30.00m), (credit.NumAtCard, credit.CardCode, credit.DocTotal));
        Assert.Equal(invoice.DocEntry, state.OriginalInvoice);
        Assert.Equal(stockBefore + 1, _sap.Company.GetStock(_itemB, "02").InStock);
        var refund = Assert.Single(_sap.Company.VendorPayments);
        Assert.Equal(("POSGUEST", "100000", 30.00m), (refund.CardCode, refund.CashAccount, refund.CashSum));
        Assert.Equal((credit.DocEntry, 30.00m), (Assert.Single(refund.PaymentInvoices).DocEntry, refund.PaymentInvoices[0].SumApplied));
        Assert.Equal(30.00m, _sap.Company.CreditNotes.Single().PaidToDate);
    }

    [Fact]
    public async Task An_unmapped_payment_method_parks_the_sale_for_finance_and_an_operator_retry_reaches_it()
    {
        var reply = await Engine.SubmitPosTransactionAsync(Sale("P-5", new PosPayment("Klarna", 54.00m)));
        var exceptions = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? parked = null;
        await Eventually.HoldsAsync(async () =>
        {
            parked = (await exceptions.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Pos))).FirstOrDefault(e => e.RecordId == "sitoo:P-5");
            return (parked is not null, "nothing yet");
        }, Patience, "the exception");
        var retry = await exceptions.RetryAsync(parked!.Id);

        Assert.Equal(CommandResultCode.Accepted, reply.Code);
        Assert.Equal(("unmapped-payment-method", OwningTeam.Finance), (parked.Type, parked.Team));
        Assert.Contains("Klarna", parked.Reason);
        Assert.Contains("P-5", parked.OriginalPayload);
        Assert.Contains("Still failing", retry.Message); // the entity itself answered: the mapping is unchanged
        Assert.Equal(PosStatus.Quarantined, (await Engine.GetPosTransactionAsync("sitoo:P-5")).Status);
        Assert.Empty(_sap.Company.Invoices);
        Assert.Empty(_sap.Company.IncomingPayments);
    }

    [Fact]
    public async Task A_lock_outlasting_the_retries_parks_the_invoice_for_operations_and_a_retry_after_release_posts_it_once()
    {
        _sap.ApplyFaults(new FaultSettings { UserLocks = [new UserLockFault(_itemA, "02", 120_000, "jane")] });

        await Engine.SubmitPosTransactionAsync(Sale("P-7"));
        var parked = await Until("sitoo:P-7", s => s.Jobs.Any(j => j.Status == JobStatus.Parked), "the invoice to park");
        var exceptions = _engine.Services.GetRequiredService<ExceptionQueueClient>();
        ExceptionRecord? record = null;
        await Eventually.HoldsAsync(async () =>
        {
            record = (await exceptions.ListAsync(new ExceptionFilter(RecordKind: RecordKinds.Pos))).FirstOrDefault(e => e.RecordId == "sitoo:P-7");
            return (record is not null, "nothing yet");
        }, Patience, "the lock-timeout exception");
        _sap.ApplyFaults(new FaultSettings { UserLocks = [] });
        var retry = await exceptions.RetryAsync(record!.Id);
        await Until("sitoo:P-7", s => s.Status == PosStatus.Posted, "the sale to post after the retry");
        await Eventually.HoldsAsync(async () =>
        {
            var after = await exceptions.GetAsync(record.Id);
            return (after!.Status == ExceptionStatus.Resolved, after.Status.ToString());
        }, Patience, "the exception to resolve by itself");

        Assert.Equal(("lock-timeout", OwningTeam.Operations), (record.Type, record.Team));
        Assert.Equal(_settings.Pos.LockRetryMaxAttempts, parked.Jobs[0].LockAttempts + 1);
        Assert.Equal(ExceptionResultCode.Accepted, retry.Code);
        Assert.True(_sap.GetStats().LockConflicts >= _settings.Pos.LockRetryMaxAttempts);
        Assert.Single(_sap.Company.Invoices);
        Assert.Equal(2, _sap.Company.IncomingPayments.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_sale_accepted_during_an_outage_posts_once_after_a_crash_and_restart(string database)
    {
        if (database == "postgresql")
        {
            await _engine.DisposeAsync();
            _settings = FlowTestSettings.For(_sap, await TestDatabases.NewPostgresAsync());
            _engine = await EngineTestHost.StartAsync(_settings);
        }
        _sap.ApplyFaults(new FaultSettings { Outage = new OutageFault(503, 60_000) });
        Assert.Equal(CommandResultCode.Accepted, (await Engine.SubmitPosTransactionAsync(Sale("P-6"))).Code);
        await Task.Delay(1000);
        await _engine.CrashAsync();
        _sap.ApplyFaults(new FaultSettings { Outage = OutageFault.End });

        // Nothing is sent to the transaction after the restart: the unfinished-transactions index must wake it.
        _engine = await EngineTestHost.StartAsync(_settings);
        await Eventually.HoldsAsync(() => Task.FromResult((_sap.Company.IncomingPayments.Count == 2, $"{_sap.Company.Invoices.Count} invoices, {_sap.Company.IncomingPayments.Count} payments")),
            Patience, "the sale to post after the restart");
        await Task.Delay(500);
        Assert.Equal(PosStatus.Posted, (await Engine.GetPosTransactionAsync("sitoo:P-6")).Status);

        Assert.Equal("SITOO-P-6", Assert.Single(_sap.Company.Invoices).NumAtCard);
        Assert.Equal(2, _sap.Company.IncomingPayments.Count);
    }
}
