using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Validation;

/// <summary>
/// The checks SAP itself would make when a document arrives, run against a <see cref="MasterDataSnapshot"/> so a
/// bad record goes to the exception queue with an owner instead of bouncing off SAP (reference/service-layer.md §8,
/// the emulator README's "Business rules and codes"). Each returns null when the code is fine.
/// </summary>
public static class MasterDataChecks
{
    public static ExceptionDetails? Item(MasterDataSnapshot snapshot, string itemCode, string context)
    {
        if (!snapshot.Items.TryGetValue(itemCode, out var item))
            return ExceptionTypes.UnknownSku($"{context}: SKU '{itemCode}' is not an item in SAP.");
        if (!item.Active || item.Frozen)
            return ExceptionTypes.InactiveItem($"{context}: item {itemCode} is {(item.Frozen ? "frozen" : "inactive")} in SAP.");
        return null;
    }

    public static ExceptionDetails? Warehouse(MasterDataSnapshot snapshot, string warehouse, string context)
    {
        if (!snapshot.Warehouses.TryGetValue(warehouse, out var found))
            return ExceptionTypes.UnknownWarehouse($"{context}: warehouse '{warehouse}' does not exist in SAP.");
        return found.Active ? null : ExceptionTypes.UnknownWarehouse($"{context}: warehouse '{warehouse}' is inactive in SAP.");
    }

    /// <summary>
    /// The VAT group must exist, be active and charge the rate the channel charged: a group with another rate makes
    /// SAP book different tax than the customer paid (or, with the tax passed through, misstate the VAT report).
    /// </summary>
    public static ExceptionDetails? VatGroup(MasterDataSnapshot snapshot, string code, decimal channelRate, string context)
    {
        if (!snapshot.VatGroups.TryGetValue(code, out var group) || !group.Active)
            return ExceptionTypes.UnknownVatGroup($"{context}: VAT group '{code}' is {(group is null ? "not defined" : "inactive")} in SAP.");
        if (group.Rate != channelRate)
        {
            return ExceptionTypes.TaxRateMismatch(
                $"{context}: the channel charged {Pct(channelRate)} but VAT group {code} is {Pct(group.Rate)} in SAP.");
        }

        return null;
    }

    public static ExceptionDetails? ShippingType(MasterDataSnapshot snapshot, int code, string context) =>
        snapshot.ShippingTypes.ContainsKey(code) ? null : ExceptionTypes.UnknownShippingType($"{context}: ShippingTypes code {code} does not exist in SAP.");

    public static ExceptionDetails? GlAccount(MasterDataSnapshot snapshot, string account, string context) =>
        snapshot.GlAccounts.Contains(account) ? null : ExceptionTypes.UnknownGlAccount($"{context}: G/L account '{account}' does not exist in SAP.");

    public static ExceptionDetails? BusinessPartner(MasterDataSnapshot snapshot, string cardCode, string context)
    {
        if (!snapshot.BusinessPartners.TryGetValue(cardCode, out var partner) || !partner.IsCustomer)
            return ExceptionTypes.UnknownCustomer($"{context}: business partner '{cardCode}' is not a customer in SAP.");
        return partner.Active ? null : ExceptionTypes.InactiveCustomer($"{context}: business partner {cardCode} is inactive in SAP.");
    }

    /// <summary>
    /// A row that brings batch- or serial-managed goods in must say which batch or serials they are: SAP cannot
    /// invent them (it answers -4014). A serial that is already in stock cannot arrive again.
    /// </summary>
    public static ExceptionDetails? Receipt(
        MasterDataSnapshot snapshot, string itemCode, string warehouse, decimal quantity,
        ImmutableList<SapBatchNumber>? batches, ImmutableList<SapSerialNumber>? serials, string context)
    {
        if (!snapshot.Items.TryGetValue(itemCode, out var item))
            return null;
        if (item.BatchManaged && (batches is null || batches.IsEmpty || batches.Sum(b => b.Quantity) != quantity))
        {
            return ExceptionTypes.BatchAllocationImpossible(
                $"{context}: batch-managed item {itemCode} arrives in warehouse {warehouse} without batch numbers covering {Fmt(quantity)}; the source sent none.");
        }

        if (item.SerialManaged)
        {
            var given = serials?.Select(s => s.InternalSerialNumber).Distinct(StringComparer.Ordinal).ToList() ?? [];
            if (given.Count != quantity)
            {
                return ExceptionTypes.SerialAllocationImpossible(
                    $"{context}: serial-managed item {itemCode} arrives in warehouse {warehouse} with {given.Count} serial numbers for a quantity of {Fmt(quantity)}.");
            }

            var inStock = item.Stock.Values.SelectMany(s => s.Serials).Select(s => s.SerialNumber).ToHashSet(StringComparer.Ordinal);
            var duplicate = given.FirstOrDefault(inStock.Contains);
            if (duplicate is not null)
                return ExceptionTypes.SerialAllocationImpossible($"{context}: serial {duplicate} of item {itemCode} is already in stock in SAP.");
        }

        return null;
    }

    private static string Pct(decimal rate) => rate.ToString("0.####", CultureInfo.InvariantCulture) + " %";

    private static string Fmt(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
