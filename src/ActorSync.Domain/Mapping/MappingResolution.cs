using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Mapping;

/// <summary>The business partner a document goes to, how it was found, or why it cannot be.</summary>
/// <param name="CardCode">Null when it can only be found at post time (no master data to match against).</param>
/// <param name="How">For people: "guest partner WEBGUEST", "matched by email …", "match by email … at post time".</param>
public sealed record CustomerResolution(string? CardCode, string How, ExceptionDetails? Exception)
{
    /// <summary>What to print in a dry run when the partner is only known at post time.</summary>
    public string CardCodeOrPlaceholder => CardCode ?? $"<{How}>";
}

/// <summary>Lookups from channel concepts to SAP codes, each answering with the code or the exception to raise.</summary>
public static class MappingResolution
{
    /// <summary>
    /// Guests (and every order of an <see cref="CustomerMatchRule.AlwaysGuest"/> channel) go to the channel's guest
    /// partner. Others are matched by email or channel customer id against the snapshot; without a snapshot the match
    /// is left to post time. A customer that the rule cannot identify (no email, no id) is treated as a guest, the
    /// way channels.md §5.3 describes POS cash sales with empty names.
    /// </summary>
    public static CustomerResolution ResolveCustomer(CustomerRef customer, string channel, OrderMapping mapping, MasterDataSnapshot? snapshot)
    {
        var rule = mapping.CustomerMatching.GetValueOrDefault(channel, CustomerMatchRule.Email);
        var key = rule switch
        {
            CustomerMatchRule.Email => customer.Email,
            CustomerMatchRule.ChannelCustomerId => customer.ChannelCustomerId,
            _ => null,
        };
        if (rule == CustomerMatchRule.AlwaysGuest || customer.IsGuest || string.IsNullOrWhiteSpace(key))
        {
            var guest = mapping.GuestCardCodes.GetValueOrDefault(channel);
            if (guest is null)
            {
                return new CustomerResolution(null, "guest partner", ExceptionTypes.InvalidOrder(
                    $"Channel '{channel}' has a guest customer but no Mapping:Channels:{channel}:GuestBusinessPartner."));
            }

            var why = rule == CustomerMatchRule.AlwaysGuest ? "channel posts every sale to its guest partner"
                : customer.IsGuest ? "guest checkout" : $"no {(rule == CustomerMatchRule.Email ? "email" : "customer id")} to match";
            return Checked(new CustomerResolution(guest, $"guest partner {guest} ({why})", null), snapshot);
        }

        var by = rule == CustomerMatchRule.Email ? $"EmailAddress {key}" : $"{channel} customer id {key}";
        if (snapshot is null)
            return new CustomerResolution(null, $"business partner with {by}, matched at post time", null);
        var found = rule == CustomerMatchRule.Email ? snapshot.FindCustomerByEmail(key!) : snapshot.FindCustomerByChannelId(channel, key!);
        if (found is null)
        {
            return new CustomerResolution(null, $"business partner with {by}", ExceptionTypes.UnknownCustomer(
                $"No SAP customer has {by} ({channel} customer{(customer.Name is null ? "" : " " + customer.Name)})."));
        }

        return Checked(new CustomerResolution(found.CardCode, $"matched by {by}", null), snapshot);
    }

    private static CustomerResolution Checked(CustomerResolution resolution, MasterDataSnapshot? snapshot)
    {
        if (snapshot is null || resolution.CardCode is null)
            return resolution;
        var problem = MasterDataChecks.BusinessPartner(snapshot, resolution.CardCode, resolution.How);
        // Stryker disable once Conditional : equivalent, both callers pass a resolution without an exception, so setting a null one changes nothing
        return problem is null ? resolution : resolution with { Exception = problem };
    }

    /// <summary>
    /// The SAP warehouse for a line sold, received or issued at <paramref name="location"/>: the location's mapping;
    /// with no location, the channel's default, then the global default. A location that is named but not mapped
    /// is an exception rather than a guess, because stock would land in the wrong place.
    /// </summary>
    public static (string? Warehouse, ExceptionDetails? Exception) ResolveWarehouse(OrderMapping mapping, string channel, string? location, string context)
    {
        if (location is null)
            return (mapping.ChannelWarehouses.GetValueOrDefault(channel) ?? mapping.DefaultWarehouse, null);
        if (mapping.Locations.TryGetValue(channel, out var locations) && locations.TryGetValue(location, out var mapped))
            return (mapped.Warehouse, null);
        return (null, ExceptionTypes.UnmappedWarehouse($"{context}: {channel} location '{location}' has no Mapping:Channels:{channel}:Locations:{location}:Warehouse."));
    }

    public static (string? VatGroup, ExceptionDetails? Exception) ResolveVatGroup(OrderMapping mapping, decimal ratePercent, string context)
    {
        if (mapping.VatGroupsByRate.TryGetValue(ratePercent, out var group))
            return (group, null);
        var rate = ratePercent.ToString("0.####", CultureInfo.InvariantCulture);
        return (null, ExceptionTypes.UnmappedTax($"{context}: tax rate {rate} % has no Mapping:VatGroups:{rate}."));
    }

    public static (PaymentAccount? Account, ExceptionDetails? Exception) ResolvePayment(OrderMapping mapping, string method, string context)
    {
        if (mapping.PaymentAccounts.TryGetValue(method, out var account))
            return (account, null);
        return (null, ExceptionTypes.UnmappedPaymentMethod($"{context}: payment method '{method}' has no Mapping:PaymentMethods:{method}."));
    }

    /// <summary>
    /// A web order's payment method: the channel's own mapping first (<c>Mapping:Channels:&lt;channel&gt;:PaymentMethods</c>),
    /// then the shared one. Unmapped, only the payment parks (for finance), never the sales order.
    /// </summary>
    public static (PaymentAccount? Account, ExceptionDetails? Exception) ResolveOrderPayment(OrderMapping mapping, string channel, string method, string context)
    {
        if (mapping.ChannelPaymentAccounts.TryGetValue(channel, out var own) && own.TryGetValue(method, out var account))
            return (account, null);
        if (mapping.PaymentAccounts.TryGetValue(method, out account))
            return (account, null);
        return (null, ExceptionTypes.UnmappedPaymentMethod(
            $"{context}: payment method '{method}' has no Mapping:Channels:{channel}:PaymentMethods:{method} (nor Mapping:PaymentMethods:{method}), so SAP has no account for its money; the order itself posts."));
    }

    /// <summary>The order with every line's warehouse resolved from the order's location (see <see cref="ResolveWarehouse"/>).</summary>
    public static (ChannelOrder Order, ExceptionDetails? Exception) WithLineWarehouses(ChannelOrder order, OrderMapping mapping)
    {
        var (warehouse, problem) = ResolveWarehouse(mapping, order.Channel, order.Location, $"Order {order.Key}");
        if (problem is not null)
            return (order, problem);
        var lines = order.Lines.Select(l => l.Warehouse is null ? l with { Warehouse = warehouse } : l).ToImmutableList();
        return (order with { Lines = lines }, null);
    }
}
