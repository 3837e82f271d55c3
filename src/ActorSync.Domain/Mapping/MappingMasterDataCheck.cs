using ActorSync.Domain.Validation;

namespace ActorSync.Domain.Mapping;

/// <summary>
/// Checks a mapping against SAP's master data at start: every code it points at must exist, sellable warehouses
/// must be nettable, the write-off warehouse must not be. A VAT group whose SAP rate differs from the rate it is keyed
/// by is only a warning here: the example mapping deliberately maps the fixtures' 25 % and 6 % onto the demo
/// company's groups, and every document that would use such a pair is stopped anyway by the per-document
/// <c>tax-rate-mismatch</c> check. Messages name the key, like <see cref="MappingSettings.Validate"/>.
/// </summary>
public static class MappingMasterDataCheck
{
    public static MappingCheckResult Check(MappingSettings settings, MasterDataSnapshot snapshot)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var root = MappingSettings.SectionName;

        void Warehouse(string key, string? code, bool mustBeSellable = false)
        {
            if (string.IsNullOrWhiteSpace(code))
                return;
            if (!snapshot.Warehouses.TryGetValue(code.Trim(), out var w) || !w.Active)
                errors.Add($"{key} names warehouse '{code}', which is not an active SAP warehouse");
            else if (mustBeSellable && !w.Nettable)
                errors.Add($"{key} names warehouse '{code}', which is not sellable (Nettable) in SAP");
        }

        Warehouse($"{root}:DefaultWarehouse", settings.DefaultWarehouse);
        foreach (var (channel, c) in settings.Channels)
        {
            var key = $"{root}:Channels:{channel}";
            Warehouse($"{key}:DefaultWarehouse", c.DefaultWarehouse);
            if (!string.IsNullOrWhiteSpace(c.GuestBusinessPartner) && MasterDataChecks.BusinessPartner(snapshot, c.GuestBusinessPartner.Trim(), key) is not null)
                errors.Add($"{key}:GuestBusinessPartner names '{c.GuestBusinessPartner}', which is not an active customer in SAP");
            foreach (var (location, l) in c.Locations)
            {
                Warehouse($"{key}:Locations:{location}:Warehouse", l.Warehouse);
                for (var i = 0; i < l.SellableWarehouses.Count; i++)
                    Warehouse($"{key}:Locations:{location}:SellableWarehouses:{i}", l.SellableWarehouses[i], mustBeSellable: true);
            }
        }

        foreach (var (rate, group) in settings.VatGroups)
        {
            if (!snapshot.VatGroups.TryGetValue(group.Trim(), out var g) || !g.Active)
                errors.Add($"{root}:VatGroups:{rate} names VAT group '{group}', which is not an active SAP VAT group");
            else if (decimal.TryParse(rate, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var r) && r != g.Rate)
                warnings.Add($"{root}:VatGroups:{rate} names VAT group '{group}', which SAP defines at {g.Rate.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} %: documents at {rate} % will stop as tax-rate-mismatch");
        }

        foreach (var (method, code) in settings.ShippingTypes)
        {
            if (int.TryParse(code, out var c) && !snapshot.ShippingTypes.ContainsKey(c))
                errors.Add($"{root}:ShippingTypes:{method} names ShippingTypes code {c}, which SAP does not have");
        }

        foreach (var (method, p) in settings.PaymentMethods)
        {
            if (!string.IsNullOrWhiteSpace(p.Account) && !snapshot.GlAccounts.Contains(p.Account.Trim()))
                errors.Add($"{root}:PaymentMethods:{method}:Account names G/L account '{p.Account}', which SAP does not have");
        }

        if (settings.Returns.ShippingRefundAccount is { } refundAccount && !string.IsNullOrWhiteSpace(refundAccount) && !snapshot.GlAccounts.Contains(refundAccount.Trim()))
            errors.Add($"{root}:Returns:ShippingRefundAccount names G/L account '{refundAccount}', which SAP does not have");

        Warehouse($"{root}:Returns:RestockWarehouse", settings.Returns.RestockWarehouse, mustBeSellable: true);
        Warehouse($"{root}:Returns:WriteOffWarehouse", settings.Returns.WriteOffWarehouse);
        if (settings.Returns.WriteOffWarehouse is { } writeOff && snapshot.Warehouses.TryGetValue(writeOff.Trim(), out var wo) && wo.Nettable)
            errors.Add($"{root}:Returns:WriteOffWarehouse names warehouse '{writeOff}', which is sellable (Nettable) in SAP: written-off goods would be sold again");
        return new MappingCheckResult(errors, warnings);
    }
}

/// <summary>Errors make the mapping unusable; warnings are printed and left to the per-document checks.</summary>
public sealed record MappingCheckResult(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);
