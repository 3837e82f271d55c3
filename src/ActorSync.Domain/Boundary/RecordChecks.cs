using System.Collections.Immutable;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Domain.Boundary;

/// <summary>One thing wrong with an inbound record, at its JSON path (<c>$.lines[0].sku</c>).</summary>
public sealed record FieldProblem(string Path, string Problem);

/// <summary>Limits of what the engine accepts from a channel, beyond what SAP's fields allow.</summary>
public sealed record RecordLimits(int MaxLines = 1_000, int MaxQuantity = 1_000_000, decimal MaxAmount = 100_000_000m);

/// <summary>
/// The one check every inbound record passes before it can reach an entity, whichever door it came through (ops API,
/// a connector, the dry run): required fields, SAP's field lengths (reference §8a), control characters and broken
/// text, quantities and amounts in range, real dates. Every problem is reported at once, each at its JSON path, so
/// the sender can fix the record in one go. A record that passes cannot make an entity throw.
/// </summary>
public static class RecordChecks
{
    /// <summary>SAP's NumAtCard holds 100; the engine writes <c>CHANNEL-id</c> and, on copied documents, up to six more (<c>/RR12</c>).</summary>
    public const int MaxExternalIdLength = 80;

    public static ImmutableList<FieldProblem> Check(ChannelOrder? order, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (order is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.channel", order.Channel);
        p.ExternalId("$.externalId", order.ExternalId);
        p.Date("$.orderDate", order.OrderDate);
        p.Currency("$.currency", order.Currency);
        if (order.Customer is null) p.Missing("$.customer");
        else
        {
            p.Text("$.customer.email", order.Customer.Email, 100, required: false);
            p.Text("$.customer.channelCustomerId", order.Customer.ChannelCustomerId, 100, required: false);
            p.Text("$.customer.name", order.Customer.Name, 100, required: false);
            if (!order.Customer.IsGuest && string.IsNullOrWhiteSpace(order.Customer.Email) && string.IsNullOrWhiteSpace(order.Customer.ChannelCustomerId))
                p.Add("$.customer", "a registered customer needs an email or a channel customer id to be matched");
        }
        p.Lines("$.lines", order.Lines, limits, (path, line) =>
        {
            p.Text($"{path}.sku", line.Sku, 50);
            p.Quantity($"{path}.quantity", line.Quantity, limits);
            p.Amount($"{path}.unitPrice", line.UnitPrice, limits);
            p.Amount($"{path}.taxAmount", line.TaxAmount, limits);
            p.Rate($"{path}.taxRate", line.TaxRate);
            p.Text($"{path}.warehouse", line.Warehouse, 8, required: false);
            p.Text($"{path}.shipToId", line.ShipToId, 50, required: false);
        });
        // Only the shape here: what is wrong inside an address (a control character, a country SAP does not know) is
        // customer service's to correct, so the order is taken and parked with every problem named (AddressChecks).
        if (order.Addresses is { } addresses)
        {
            if (addresses.Buyer is null) p.Add("$.addresses.buyer", "is required when addresses are sent");
            if (addresses.ShipTo is null) p.Add("$.addresses.shipTo", "must be a list (empty when the order ships nowhere)");
            else
            {
                for (var i = 0; i < addresses.ShipTo.Count; i++)
                {
                    if (addresses.ShipTo[i] is not { } shipTo) p.Add($"$.addresses.shipTo[{i}]", "is required");
                    else
                    {
                        p.Text($"$.addresses.shipTo[{i}].id", shipTo.Id, 50);
                        if (shipTo.Address is null) p.Add($"$.addresses.shipTo[{i}].address", "is required");
                    }
                }
            }
        }
        p.Amount("$.shippingAmount", order.ShippingAmount, limits);
        p.Amount("$.shippingTax", order.ShippingTax, limits);
        p.Amount("$.totalPaid", order.TotalPaid, limits);
        p.Text("$.shippingMethod", order.ShippingMethod, 100, required: false);
        p.Text("$.location", order.Location, 100, required: false);
        if (order.Payments is { } payments)
        {
            if (payments.Count > 20) p.Add("$.payments", $"has {payments.Count} payments; at most 20");
            for (var i = 0; i < Math.Min(payments.Count, 20); i++)
            {
                if (payments[i] is not { } payment) { p.Missing($"$.payments[{i}]"); continue; }
                p.Text($"$.payments[{i}].method", payment.Method, 100);
                p.Amount($"$.payments[{i}].amount", payment.Amount, limits);
                p.Text($"$.payments[{i}].reference", payment.Reference, 100, required: false);
            }
        }
        return p.ToList();
    }

    /// <summary>A payment reported for an order (<c>POST /api/payments</c>): SAP keeps its method in Remarks and its reference in TransferReference.</summary>
    public static ImmutableList<FieldProblem> Check(Payments.PaymentReport? payment, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (payment is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.channel", payment.Channel);
        p.ExternalId("$.orderExternalId", payment.OrderExternalId);
        p.Identifier("$.paymentId", payment.PaymentId);
        p.Text("$.method", payment.Method, 100);
        p.Amount("$.amount", payment.Amount, limits);
        if (payment.Amount == 0) p.Add("$.amount", "must be more than 0");
        p.Date("$.date", payment.Date);
        p.Text("$.reference", payment.Reference, 100, required: false);
        return p.ToList();
    }

    public static ImmutableList<FieldProblem> Check(DispatchConfirmation? dispatch, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (dispatch is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.channel", dispatch.Channel);
        p.ExternalId("$.orderExternalId", dispatch.OrderExternalId);
        p.Identifier("$.dispatchId", dispatch.DispatchId);
        p.Date("$.date", dispatch.Date);
        p.Lines("$.lines", dispatch.Lines, limits, (path, line) =>
        {
            p.Text($"{path}.sku", line.Sku, 50);
            p.Quantity($"{path}.quantity", line.Quantity, limits);
        });
        p.Text("$.carrier", dispatch.Carrier, 100, required: false);
        p.Text("$.trackingNumber", dispatch.TrackingNumber, 100, required: false);
        p.Text("$.source", dispatch.Source, 50, required: false);
        return p.ToList();
    }

    public static ImmutableList<FieldProblem> Check(RefundRequest? refund, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (refund is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.channel", refund.Channel);
        p.ExternalId("$.orderExternalId", refund.OrderExternalId);
        p.Identifier("$.refundId", refund.RefundId);
        p.Date("$.date", refund.Date);
        p.Lines("$.lines", refund.Lines, limits, (path, line) =>
        {
            p.Text($"{path}.sku", line.Sku, 50);
            p.Quantity($"{path}.quantity", line.Quantity, limits);
            p.Amount($"{path}.amount", line.Amount, limits);
        }, allowEmpty: refund.ShippingRefund > 0);
        p.Amount("$.shippingRefund", refund.ShippingRefund, limits);
        if (refund.TotalRefunded is { } total) p.Amount("$.totalRefunded", total, limits);
        p.Text("$.method", refund.Method, 100, required: false);
        return p.ToList();
    }

    public static ImmutableList<FieldProblem> Check(OrderCancellation? cancellation)
    {
        var p = new Problems();
        if (cancellation is null) return p.Missing("$");
        p.Channel("$.channel", cancellation.Channel);
        p.ExternalId("$.orderExternalId", cancellation.OrderExternalId);
        p.Text("$.reason", cancellation.Reason, 254, required: false);
        return p.ToList();
    }

    public static ImmutableList<FieldProblem> Check(PosTransaction? tx, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (tx is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.channel", tx.Channel);
        p.ExternalId("$.externalId", tx.ExternalId);
        if (!Enum.IsDefined(tx.Kind)) p.Add("$.kind", "must be Sale or Return");
        p.Date("$.date", tx.Date);
        p.Currency("$.currency", tx.Currency);
        if (tx.Customer is null) p.Missing("$.customer");
        p.Text("$.location", tx.Location, 100, required: false);
        p.Lines("$.lines", tx.Lines, limits, (path, line) =>
        {
            p.Text($"{path}.sku", line.Sku, 50);
            p.Quantity($"{path}.quantity", line.Quantity, limits);
            p.Amount($"{path}.netAmount", line.NetAmount, limits);
            p.Amount($"{path}.taxAmount", line.TaxAmount, limits);
            p.Rate($"{path}.taxRate", line.TaxRate);
            p.Text($"{path}.description", line.Description, 100, required: false);
        });
        p.Lines("$.payments", tx.Payments, limits, (path, payment) =>
        {
            p.Text($"{path}.method", payment.Method, 50);
            p.Amount($"{path}.amount", payment.Amount, limits);
            p.Text($"{path}.reference", payment.Reference, 100, required: false);
        }, allowEmpty: true);
        p.Amount("$.total", tx.Total, limits);
        if (tx.Kind == PosTransactionKind.Return) p.Text("$.originalExternalId", tx.OriginalExternalId, MaxExternalIdLength, required: false);
        return p.ToList();
    }

    public static ImmutableList<FieldProblem> Check(WarehouseMovement? movement, RecordLimits? limits = null)
    {
        var p = new Problems();
        if (movement is null) return p.Missing("$");
        limits ??= new RecordLimits();
        p.Channel("$.source", movement.Source);
        p.Identifier("$.movementId", movement.MovementId);
        if (!Enum.IsDefined(movement.Kind)) p.Add("$.kind", "must be Receipt, Issue or Transfer");
        if (movement.OccurredAt == default) p.Missing("$.occurredAt");
        p.Text("$.location", movement.Location, 100);
        if (movement.Kind == MovementKind.Transfer) p.Text("$.toLocation", movement.ToLocation, 100);
        p.Lines("$.lines", movement.Lines, limits, (path, line) =>
        {
            p.Text($"{path}.sku", line.Sku, 50);
            p.Quantity($"{path}.quantity", line.Quantity, limits);
            if (line.UnitCost is { } cost) p.Amount($"{path}.unitCost", cost, limits);
            p.Text($"{path}.batchNumber", line.BatchNumber, 36, required: false);
        });
        return p.ToList();
    }

    private sealed class Problems
    {
        private readonly ImmutableList<FieldProblem>.Builder _all = ImmutableList.CreateBuilder<FieldProblem>();

        public ImmutableList<FieldProblem> ToList() => _all.ToImmutable();

        public void Add(string path, string problem) => _all.Add(new FieldProblem(path, problem));

        public ImmutableList<FieldProblem> Missing(string path)
        {
            Add(path, "is required");
            return ToList();
        }

        /// <summary>Channel names become entity ids (<c>magento:1001</c>) and NumAtCard prefixes: short, lower-case words.</summary>
        public void Channel(string path, string? channel)
        {
            if (!Text(path, channel, 20)) return;
            if (!channel!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                Add(path, "may hold only letters, digits, '-' and '_'");
        }

        /// <summary>An id that becomes part of an entity id, a URL and SAP's NumAtCard.</summary>
        public void ExternalId(string path, string? id)
        {
            if (!Text(path, id, MaxExternalIdLength)) return;
            if (id!.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0)
                Add(path, "may not contain '/', '\\', '?', '#' or '%' (it is part of the record's address)");
            if (id != id.Trim()) Add(path, "may not start or end with spaces");
        }

        public void Identifier(string path, string? id)
        {
            if (!Text(path, id, 50)) return;
            if (id!.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0) Add(path, "may not contain '/', '\\', '?', '#' or '%'");
        }

        /// <summary>True when the text is present and sound enough for further checks.</summary>
        public bool Text(string path, string? value, int maxLength, bool required = true)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required) Add(path, "is required");
                return false;
            }
            var sound = true;
            if (value.Length > maxLength)
            {
                Add(path, $"is {value.Length} characters long; SAP's field holds {maxLength}");
                sound = false;
            }
            if (value.Any(c => char.IsControl(c)))
            {
                Add(path, "contains a control character");
                sound = false;
            }
            if (HasLoneSurrogate(value))
            {
                Add(path, "contains broken text (a lone surrogate)");
                sound = false;
            }
            if (value.Any(c => c is '\u200E' or '\u200F' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069'))
            {
                Add(path, "contains an invisible direction mark");
                sound = false;
            }
            return sound;
        }

        public void Date(string path, DateOnly date)
        {
            if (date == default) Add(path, "is required");
            else if (date.Year is < 2000 or > 2100) Add(path, $"is {date:yyyy-MM-dd}, outside 2000 to 2100");
        }

        public void Currency(string path, string? currency)
        {
            if (!Text(path, currency, 3)) return;
            if (currency!.Length != 3 || !currency.All(char.IsAsciiLetterUpper)) Add(path, "must be a three-letter ISO 4217 code such as EUR");
        }

        public void Quantity(string path, decimal quantity, RecordLimits limits)
        {
            if (quantity <= 0) Add(path, $"must be more than 0 (was {quantity})");
            else if (quantity > limits.MaxQuantity) Add(path, $"is {quantity}, more than {limits.MaxQuantity}");
            else if (decimal.Round(quantity, 6) != quantity) Add(path, "has more than 6 decimals");
        }

        public void Amount(string path, decimal amount, RecordLimits limits)
        {
            if (amount < 0) Add(path, $"must not be negative (was {amount})");
            else if (amount > limits.MaxAmount) Add(path, $"is {amount}, more than {limits.MaxAmount}");
            else if (decimal.Round(amount, 6) != amount) Add(path, "has more than 6 decimals");
        }

        public void Rate(string path, decimal rate)
        {
            if (rate is < 0 or > 100) Add(path, $"must be a percentage from 0 to 100 (was {rate})");
        }

        public void Lines<T>(string path, IReadOnlyList<T>? lines, RecordLimits limits, Action<string, T> check, bool allowEmpty = false)
        {
            if (lines is null || lines.Count == 0)
            {
                if (!allowEmpty) Add(path, "needs at least one line");
                return;
            }
            if (lines.Count > limits.MaxLines)
            {
                Add(path, $"has {lines.Count} lines, more than the {limits.MaxLines} accepted");
                return;
            }
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is null) Add($"{path}[{i}]", "is null");
                else check($"{path}[{i}]", lines[i]);
            }
        }

        private static bool HasLoneSurrogate(string value)
        {
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
                if (char.IsSurrogate(value[i])) return true;
            }
            return false;
        }
    }
}
