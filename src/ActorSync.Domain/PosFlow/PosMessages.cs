using ActorSync.Domain.Posting;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Pos;
// Every flow picks batches and serials; the record keeps the namespace old journals name it by.
using LinePick = ActorSync.Domain.Orders.LinePick;

namespace ActorSync.Domain.PosFlow;

/// <summary>Everything addressed to one POS transaction carries its entity id (<c>sitoo:90001</c>, made like an order's entity id).</summary>
public interface IWithPosTransactionId
{
    string TransactionId { get; }
}

public static class PosCommands
{
    public interface IPosCommand : IWithPosTransactionId;

    /// <summary>A till reported a finished receipt. Idempotent: the same receipt delivered twice is accepted once.</summary>
    public sealed record SubmitPosTransaction(string TransactionId, PosTransaction Transaction) : IPosCommand;

    /// <summary>An operator asks a parked transaction (or its parked document) to try again, after a fix.</summary>
    public sealed record RetryPosTransaction(string TransactionId) : IPosCommand;
}

public static class PosQueries
{
    public sealed record GetPosTransactionState(string TransactionId) : IWithPosTransactionId;
}

public static class PosEvents
{
    public interface IPosEvent : IWithPosTransactionId, Journal.IJournaled;

    /// <summary>
    /// Events that can change whether the transaction still owes SAP some work; stamped by
    /// <see cref="PosDecisions.StampProgress"/> so the unfinished-transactions index can tell from the latest alone.
    /// </summary>
    public abstract record PosProgressEvent
    {
        public bool WorkPending { get; init; }
    }

    public sealed record PosTransactionReceived(string TransactionId, PosTransaction Transaction, string Fingerprint, DateTimeOffset At) : IPosEvent;

    /// <summary>A return names its sale: its credit note waits to learn the sale's invoice (to be based on it).</summary>
    public sealed record PosOriginalAwaited(string TransactionId, string OriginalTransactionId, DateTimeOffset At) : PosProgressEvent, IPosEvent;

    /// <summary>The documents it owes SAP, in order, with their bodies exactly as they will be sent.</summary>
    public sealed record PosTransactionPlanned(string TransactionId, ImmutableList<PostingJob> Jobs, string CardCode, int? OriginalInvoice,
        ImmutableList<string> Notes, DateTimeOffset At) : PosProgressEvent, IPosEvent;

    /// <summary>It cannot be planned (mapping, totals, master data): nothing went to SAP.</summary>
    public sealed record PosTransactionQuarantined(string TransactionId, ImmutableList<ExceptionDetails> Exceptions, ImmutableList<string> Notes,
        DateTimeOffset At) : PosProgressEvent, IPosEvent;

    public sealed record PosQuarantineReleased(string TransactionId, DateTimeOffset At) : PosProgressEvent, IPosEvent;

    public sealed record PosJobCompleted(string TransactionId, string Key, int? DocEntry, int? DocNum, bool FoundByLookup, DateTimeOffset At) : PosProgressEvent, IPosEvent;

    /// <summary>SAP answered that records were locked; the document waits and goes again.</summary>
    public sealed record PosJobDeferred(string TransactionId, string Key, string Reason, int LockAttempts, DateTimeOffset At) : IPosEvent;

    public sealed record PosJobParked(string TransactionId, string Key, ExceptionDetails Exception, DateTimeOffset At) : PosProgressEvent, IPosEvent;

    /// <summary>The batches and serials the document <see cref="Key"/> takes out, chosen from SAP's stock just before posting.</summary>
    public sealed record PosStockPicked(string TransactionId, string Key, ImmutableList<LinePick> Picks, DateTimeOffset At) : IPosEvent;

    /// <summary>SAP refused the picks (another document took them first); read and pick again.</summary>
    public sealed record PosStockPickRefused(string TransactionId, string Key, string Reason, DateTimeOffset At) : IPosEvent;

    public sealed record PosJobReleased(string TransactionId, string Key, DateTimeOffset At) : PosProgressEvent, IPosEvent;
}

/// <summary>The one reply to any POS command (codes as for orders: Accepted, Duplicate, Conflict, Rejected, NotFound).</summary>
public sealed record PosCommandResult(string TransactionId, CommandResultCode Code, string Message)
{
    public bool IsError => Code is CommandResultCode.Rejected or CommandResultCode.NotFound;
}

/// <summary>A stable digest of a receipt's content: records compare lists by reference, so duplicates are told by this.</summary>
public static class PosFingerprint
{
    public static string Of(PosTransaction tx)
    {
        var text = new StringBuilder()
            .Append(tx.Channel).Append('|').Append(tx.ExternalId).Append('|').Append(tx.Kind).Append('|')
            .Append(tx.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|').Append(tx.Currency).Append('|')
            .Append(tx.Customer.Email).Append('|').Append(tx.Customer.ChannelCustomerId).Append('|').Append(tx.Customer.IsGuest).Append('|')
            .Append(tx.Location).Append('|').Append(Num(tx.Total)).Append('|').Append(Num(tx.RoundOff)).Append('|')
            .Append(tx.OriginalExternalId).Append('|').Append(tx.ReasonCode).Append('|').Append(tx.RegisterId);
        foreach (var line in tx.Lines)
            text.Append("|L:").Append(line.Sku).Append(':').Append(Num(line.Quantity)).Append(':').Append(Num(line.NetAmount))
                .Append(':').Append(Num(line.TaxAmount)).Append(':').Append(Num(line.TaxRate)).Append(':').Append(line.OriginalLineId);
        foreach (var payment in tx.Payments)
            text.Append("|P:").Append(payment.Method).Append(':').Append(Num(payment.Amount)).Append(':').Append(payment.Reference);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>12.5 and 12.50 are the same amount.</summary>
    private static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
