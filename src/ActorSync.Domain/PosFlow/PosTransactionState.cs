using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Pos;
// A receipt is keyed like an order (channel and external id), so a return finds its sale's entity the same way.
using OrderKey = ActorSync.Domain.Orders.OrderKey;

namespace ActorSync.Domain.PosFlow;

/// <summary>
/// Where a POS transaction stands. A return that names its sale first waits for that sale's invoice
/// (<see cref="AwaitingOriginal"/>); a transaction that cannot be planned is <see cref="Quarantined"/> before anything
/// reaches SAP; a planned one is <see cref="Posted"/> once every document is in SAP.
/// </summary>
public enum PosStatus { New, Received, AwaitingOriginal, Planned, Posted, Quarantined }

/// <summary>The journaled state of one POS transaction. Rebuilt from its events; never changed in place.</summary>
public sealed record PosTransactionState
{
    public static PosTransactionState Empty(string transactionId) => new() { TransactionId = transactionId };

    public string TransactionId { get; init; } = "";
    public PosStatus Status { get; init; } = PosStatus.New;
    public PosTransaction? Transaction { get; init; }
    public string? Fingerprint { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The documents owed, in plan order: the invoice (or credit note), then the payments.</summary>
    public ImmutableList<PostingJob> Jobs { get; init; } = [];
    /// <summary>The business partner the documents went to.</summary>
    public string? CardCode { get; init; }
    /// <summary>For a return: the DocEntry of the sale's invoice its credit note is based on, when it was known.</summary>
    public int? OriginalInvoice { get; init; }
    public ImmutableList<string> Notes { get; init; } = [];
    /// <summary>Why it is quarantined (every problem the plan found).</summary>
    public ImmutableList<ExceptionDetails> Exceptions { get; init; } = [];
    public string? LastProblem { get; init; }

    public bool IsEmpty => Status == PosStatus.New;

    /// <summary>The next document to send, or null when none can run (all done, or waiting on a parked one).</summary>
    public PostingJob? NextJob => Status == PosStatus.Planned ? Jobs.Next() : null;

    /// <summary>The engine still owes this transaction something: its sale's invoice to learn, or a document to send.</summary>
    public bool HasUnfinishedWork => Status is PosStatus.Received or PosStatus.AwaitingOriginal || NextJob is not null;

    public bool HasParkedWork => Status == PosStatus.Quarantined || Jobs.Any(j => j.Status == JobStatus.Parked);

    /// <summary>The entity id of the sale a return names, if any.</summary>
    public string? OriginalTransactionId =>
        Transaction is { Kind: PosTransactionKind.Return, OriginalExternalId: { } original } tx ? new OrderKey(tx.Channel, original).EntityId : null;

    /// <summary>Logs print the shape, not the whole payload.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"TransactionId = {TransactionId}, Status = {Status}, Jobs = {string.Join(", ", Jobs.Select(j => $"{j.Key}={j.Status}"))}");
        return true;
    }
}

/// <summary>What a return learns about the sale it names, from that sale's own state.</summary>
public abstract record OriginalSale
{
    private OriginalSale() { }

    /// <summary>The sale's invoice is in SAP: the credit note copies from it (BaseType 13).</summary>
    public sealed record Invoiced(OriginalInvoice Invoice) : OriginalSale;

    /// <summary>There is no invoice to copy from and none is coming by itself (the sale is parked, or is no sale): the credit note stands alone.</summary>
    public sealed record NotInvoiced(string Why) : OriginalSale;

    /// <summary>The invoice is on its way, or the sale has not arrived yet: ask again a little later.</summary>
    public sealed record Pending(string Why) : OriginalSale;

    /// <summary>
    /// What <paramref name="sale"/>'s state offers a return. SAP numbers an invoice's rows 0..n-1 in the order they were
    /// sent, and the POS plan sends one row per receipt row, so receipt row i is invoice <c>LineNum</c> i; a return finds
    /// its row by SKU (the till's sale rows carry no row id of their own).
    /// </summary>
    public static OriginalSale Of(PosTransactionState sale)
    {
        // Tills and webhooks deliver out of order: a sale not received yet may still come, so the return waits for it
        // (up to its limit) before its credit note stands alone.
        if (sale.IsEmpty) return new Pending($"the engine has not received sale {sale.TransactionId}");
        if (sale.Transaction!.Kind != PosTransactionKind.Sale) return new NotInvoiced($"{sale.TransactionId} is a return, not a sale");
        if (sale.Status == PosStatus.Quarantined) return new NotInvoiced($"sale {sale.TransactionId} is parked in the exception queue");
        var invoice = sale.Jobs.FirstOrDefault(j => j.EntitySet == SapEntitySets.Invoices);
        if (invoice is null) return new Pending($"sale {sale.TransactionId} is not planned yet");
        switch (invoice.Status)
        {
            case JobStatus.Done when invoice.DocEntry is { } docEntry:
                var lineNums = ImmutableDictionary.CreateBuilder<string, int>();
                for (var i = 0; i < sale.Transaction.Lines.Count; i++) lineNums.TryAdd(sale.Transaction.Lines[i].Sku, i);
                return new Invoiced(new OriginalInvoice(docEntry, sale.CardCode!, lineNums.ToImmutable()) { Picks = invoice.Picks ?? [] });
            case JobStatus.Done:
                return new NotInvoiced($"the invoice of sale {sale.TransactionId} was done without a DocEntry");
            case JobStatus.Parked:
                return new NotInvoiced($"the invoice of sale {sale.TransactionId} is parked in the exception queue");
            default:
                return new Pending($"the invoice of sale {sale.TransactionId} is not in SAP yet");
        }
    }
}
