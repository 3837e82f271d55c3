using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>Reference checks shared by every posting rule, answered with SAP's codes and DI-style texts (reference §4).</summary>
internal sealed class PostingHelpers(CompanyData company)
{
    public CompanyData Company { get; } = company;

    public static string Line(int lineNo) => $"[line: {lineNo.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>An amount as the error texts print it: two decimals, invariant.</summary>
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public ItemRecord RequireItem(string? itemCode, string lineTable, int lineNo)
    {
        if (string.IsNullOrEmpty(itemCode))
        {
            // FIELD text from reference §4; SL names the SL property here, not the DB column.
            throw SapErrors.Rule($"Item number is missing; specify an item number [DocumentLines.ItemCode]{Line(lineNo)}");
        }

        var item = Company.FindItem(itemCode)
            ?? throw SapErrors.BadReference($"Invalid item code [{lineTable}.ItemCode]{Line(lineNo)} , '{itemCode}'");
        if (!item.IsActive)
        {
            throw SapErrors.Rule($"10001069 - Item {item.ItemCode} is inactive");
        }

        return item;
    }

    public int RequireWarehouse(string? warehouseCode, string column, int lineNo)
    {
        var index = CompanyData.WarehouseIndex(warehouseCode);
        return index >= 0
            ? index
            : throw SapErrors.BadReference($"Invalid warehouse code [{column}]{Line(lineNo)} , '{warehouseCode}'");
    }

    /// <summary>Active customer for a sales document or payment: unknown or non-customer → -2028, inactive → -10.</summary>
    public BusinessPartnerRecord RequireCustomer(string? cardCode, string headerTable)
    {
        var partner = Company.FindBusinessPartner(cardCode);
        if (partner is null || partner.CardType != "cCustomer")
        {
            throw SapErrors.BadReference($"Invalid BP code [{headerTable}.CardCode] , '{cardCode}'");
        }

        if (!partner.IsActive)
        {
            throw SapErrors.Rule($"10001071 - Customer {partner.CardCode} is inactive");
        }

        return partner;
    }

    public VatGroupRecord RequireVatGroup(string? code, string column, int lineNo)
    {
        var group = Company.FindVatGroup(code);
        return group is { Inactive: false }
            ? group
            : throw SapErrors.Rule($"10000180 - Specify valid tax code [{column}]{Line(lineNo)} , '{code}'");
    }

    public void RequireShippingType(int code, string headerTable)
    {
        if (code != -1 && Company.FindShippingType(code) is null)
        {
            throw SapErrors.BadReference($"{headerTable}.TrnspCode", null);
        }
    }

    /// <summary>An active ChartOfAccounts account; <paramref name="lineNo"/> names the row when the account is a row's.</summary>
    public void RequireAccount(string? code, string column, int? lineNo = null)
    {
        if (Company.FindAccount(code) is not { ActiveAccount: true })
        {
            throw SapErrors.Rule($"G/L account is not valid [{column}]{(lineNo is { } n ? Line(n) : "")} , '{code}'");
        }
    }

    public static void RequirePositive(decimal quantity, string lineTable, int lineNo)
    {
        if (quantity <= 0)
        {
            throw SapErrors.Rule($"Quantity must be greater than zero [{lineTable}.Quantity]{Line(lineNo)}");
        }
    }

    /// <summary>
    /// Reads <c>BatchNumbers</c>/<c>SerialNumbers</c> of a line. When <paramref name="required"/> (the line moves
    /// stock of a batch/serial item) the selection must be complete — batch quantities summing to the line
    /// quantity, one serial per unit — or the whole document fails with -4014.
    /// </summary>
    public (List<BatchAllocation> Batches, List<SerialAllocation> Serials) ReadAllocations(
        Payload line, ItemRecord item, decimal quantity, bool required, string lineTable, int lineNo)
    {
        var batches = new List<BatchAllocation>();
        var serials = new List<SerialAllocation>();
        foreach (var entry in line.Array("BatchNumbers", "BatchNumber"))
        {
            entry.CollectExtras(ModelledProperties.BatchNumber);
            var number = entry.String("BatchNumber");
            var qty = entry.Decimal("Quantity") ?? 0m;
            if (string.IsNullOrEmpty(number) || qty <= 0)
            {
                throw SapErrors.BatchSerialMissing();
            }

            batches.Add(new BatchAllocation(number, qty, entry.Date("ExpiryDate"), entry.Date("AddmisionDate")));
        }

        foreach (var entry in line.Array("SerialNumbers", "SerialNumber"))
        {
            entry.CollectExtras(ModelledProperties.SerialNumber);
            var number = entry.String("InternalSerialNumber");
            var system = entry.Int("SystemSerialNumber") ?? 0;
            if (string.IsNullOrEmpty(number) && system > 0)
            {
                number = Company.Stock.FindSerial(item, null, system)?.SerialNumber
                    ?? throw SapErrors.Rule($"Serial number with system number {system.ToString(CultureInfo.InvariantCulture)} does not exist for item {item.ItemCode} [{lineTable}.SerialNumbers]{Line(lineNo)}");
            }

            if (string.IsNullOrEmpty(number))
            {
                throw SapErrors.BatchSerialMissing();
            }

            serials.Add(new SerialAllocation(number, system));
        }

        if (!item.ManageBatchNumbers)
        {
            batches.Clear();
        }

        if (!item.ManageSerialNumbers)
        {
            serials.Clear();
        }

        if (!required)
        {
            return (batches, serials);
        }

        if (item.ManageBatchNumbers && (batches.Count == 0 || batches.Sum(b => b.Quantity) != quantity))
        {
            throw SapErrors.BatchSerialMissing();
        }

        if (item.ManageSerialNumbers &&
            (serials.Count != quantity || serials.Select(s => s.InternalSerialNumber).Distinct(StringComparer.Ordinal).Count() != serials.Count))
        {
            throw SapErrors.BatchSerialMissing();
        }

        return (batches, serials);
    }
}
