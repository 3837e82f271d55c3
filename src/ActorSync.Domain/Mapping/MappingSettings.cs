using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Domain.Documents;

namespace ActorSync.Domain.Mapping;

/// <summary>
/// The <c>Mapping</c> configuration section: how channel concepts translate into SAP master data. A plain mutable
/// POCO with string-keyed dictionaries and string values so that <c>IConfiguration.Bind</c> fills it without throwing;
/// every value is checked by <see cref="Validate"/>, whose messages name the offending key
/// (<c>Mapping:ShippingTypes:flatrate_flatrate must be a positive ShippingTypes code, was 'x'</c>).
/// Numbers stay strings here on purpose: a binder conversion error would name the type, not the key.
/// </summary>
public sealed class MappingSettings
{
    public const string SectionName = "Mapping";

    /// <summary>Line warehouse when neither the location nor the channel names one.</summary>
    public string DefaultWarehouse { get; set; } = "01";

    /// <summary>Days between document date and due date (DocDueDate is mandatory on sales orders).</summary>
    public string DueInDays { get; set; } = "3";

    /// <summary>Per channel (<c>magento</c>, <c>bigcommerce</c>, <c>sitoo</c>, <c>wms</c> …).</summary>
    public Dictionary<string, ChannelMappingSettings> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tax rate in percent (<c>"20"</c>, <c>"16.5"</c>) to SAP VAT group code.</summary>
    public Dictionary<string, string> VatGroups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Channel shipping method (Magento <c>tablerate_bestway</c>, BigCommerce <c>shipping_method</c>) to ShippingTypes code.</summary>
    public Dictionary<string, string> ShippingTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The additional-expense code that carries freight.</summary>
    public string FreightExpenseCode { get; set; } = "1";

    /// <summary>Channel payment method name to G/L account and kind.</summary>
    public Dictionary<string, PaymentMethodSettings> PaymentMethods { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ReturnsSettings Returns { get; set; } = new();

    /// <summary><c>Clearing</c> (default) or <c>DownPayment</c>: see <see cref="Mapping.CapturedBeforeInvoice"/>.</summary>
    public string CapturedBeforeInvoice { get; set; } = "Clearing";

    /// <summary><c>FEFO</c> or <c>FIFO</c>.</summary>
    public string BatchAllocation { get; set; } = "FEFO";

    /// <summary>Rounding tolerated per document row before totals count as not reconciling.</summary>
    public string TotalsTolerancePerLine { get; set; } = "0.01";

    /// <summary>Every problem, each naming its key; empty when the section is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var root = SectionName;
        RequireCode(errors, $"{root}:DefaultWarehouse", DefaultWarehouse, "must name an SAP warehouse");
        if (!TryInt(DueInDays, out var due) || due < 0)
            errors.Add($"{root}:DueInDays must be a whole number of days (0 or more), was '{DueInDays}'");
        if (!TryInt(FreightExpenseCode, out var expense) || expense <= 0)
            errors.Add($"{root}:FreightExpenseCode must be a positive additional-expense code, was '{FreightExpenseCode}'");
        if (!TryParseStrategy(BatchAllocation, out _))
            errors.Add($"{root}:BatchAllocation must be FEFO or FIFO, was '{BatchAllocation}'");
        if (!TryParseEnum<Mapping.CapturedBeforeInvoice>(CapturedBeforeInvoice, out _))
            errors.Add($"{root}:CapturedBeforeInvoice must be Clearing or DownPayment, was '{CapturedBeforeInvoice}'");
        if (!TryDecimal(TotalsTolerancePerLine, out var tolerance) || tolerance < 0 || tolerance > 1)
            errors.Add($"{root}:TotalsTolerancePerLine must be an amount between 0 and 1, was '{TotalsTolerancePerLine}'");

        if (Channels.Count == 0)
            errors.Add($"{root}:Channels must configure at least one channel");
        foreach (var (channel, settings) in Channels)
        {
            var key = $"{root}:Channels:{channel}";
            if (settings is null)
            {
                errors.Add($"{key} is empty");
                continue;
            }

            if (!TryParseRule(settings.CustomerMatching, out var rule))
                errors.Add($"{key}:CustomerMatching must be Email, ChannelCustomerId or AlwaysGuest, was '{settings.CustomerMatching}'");
            // A channel that only moves stock (a WMS) has no customers, so the guest partner is optional, but a channel
            // that sends everything to its guest must name one, and a key that is present must not be blank.
            if (settings.GuestBusinessPartner is not null && string.IsNullOrWhiteSpace(settings.GuestBusinessPartner))
                errors.Add($"{key}:GuestBusinessPartner must name the business partner for guest orders, was empty");
            else if (rule == CustomerMatchRule.AlwaysGuest && settings.GuestBusinessPartner is null)
                errors.Add($"{key}:GuestBusinessPartner must be set when CustomerMatching is AlwaysGuest");
            if (settings.DefaultWarehouse is not null)
                RequireCode(errors, $"{key}:DefaultWarehouse", settings.DefaultWarehouse, "must name an SAP warehouse");
            foreach (var (method, payment) in settings.PaymentMethods)
            {
                if (payment is null) errors.Add($"{key}:PaymentMethods:{method} is empty");
                else ValidatePaymentMethod(errors, $"{key}:PaymentMethods:{method}", payment);
            }
            if (settings.Catalogue is { } catalogue)
            {
                if (!TryInt(catalogue.PriceList, out var list) || list <= 0)
                    errors.Add($"{key}:Catalogue:PriceList must be a positive SAP price list number, was '{catalogue.PriceList}'");
                if (!TryParseEnum<Catalogue.PriceBasis>(catalogue.Prices, out _))
                    errors.Add($"{key}:Catalogue:Prices must be Gross or Net, was '{catalogue.Prices}'");
            }
            foreach (var (location, loc) in settings.Locations)
            {
                var locKey = $"{key}:Locations:{location}";
                if (loc is null)
                {
                    errors.Add($"{locKey} is empty");
                    continue;
                }

                RequireCode(errors, $"{locKey}:Warehouse", loc.Warehouse, "must name the SAP warehouse its lines post to");
                for (var i = 0; i < loc.SellableWarehouses.Count; i++)
                    RequireCode(errors, $"{locKey}:SellableWarehouses:{i}", loc.SellableWarehouses[i], "must name an SAP warehouse");
                if (!TryDecimal(loc.SafetyBuffer, out var buffer) || buffer < 0)
                    errors.Add($"{locKey}:SafetyBuffer must be a quantity of 0 or more, was '{loc.SafetyBuffer}'");
            }
        }

        foreach (var (rate, group) in VatGroups)
        {
            if (!TryDecimal(rate, out var r) || r < 0 || r >= 100)
                errors.Add($"{root}:VatGroups:{rate} must be keyed by a tax rate in percent (0 to 99.99), '{rate}' is not one");
            RequireCode(errors, $"{root}:VatGroups:{rate}", group, "must name an SAP VAT group");
        }

        foreach (var (method, code) in ShippingTypes)
        {
            if (!TryInt(code, out var c) || c <= 0)
                errors.Add($"{root}:ShippingTypes:{method} must be a positive ShippingTypes code, was '{code}'");
        }

        foreach (var (method, payment) in PaymentMethods)
        {
            var key = $"{root}:PaymentMethods:{method}";
            if (payment is null)
            {
                errors.Add($"{key} is empty");
                continue;
            }

            ValidatePaymentMethod(errors, key, payment);
        }

        RequireCode(errors, $"{root}:Returns:RestockWarehouse", Returns?.RestockWarehouse, "must name the SAP warehouse returns go back to");
        RequireCode(errors, $"{root}:Returns:WriteOffWarehouse", Returns?.WriteOffWarehouse, "must name the SAP warehouse written-off returns go to");
        if (Returns is not null && string.Equals(Returns.RestockWarehouse, Returns.WriteOffWarehouse, StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(Returns.RestockWarehouse))
            errors.Add($"{root}:Returns:WriteOffWarehouse must differ from Returns:RestockWarehouse ('{Returns.RestockWarehouse}'), or written-off goods would be sold again");
        return errors;
    }

    /// <summary>Throws <see cref="MappingValidationException"/> listing every problem.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new MappingValidationException(errors);
    }

    /// <summary>The immutable mapping the builders use. Validates first.</summary>
    public OrderMapping ToOrderMapping()
    {
        ThrowIfInvalid();
        var ci = StringComparer.OrdinalIgnoreCase;
        return new OrderMapping
        {
            GuestCardCodes = Channels
                .Where(c => !string.IsNullOrWhiteSpace(c.Value.GuestBusinessPartner))
                .ToImmutableDictionary(c => c.Key, c => c.Value.GuestBusinessPartner!.Trim(), ci),
            DefaultWarehouse = DefaultWarehouse.Trim(),
            VatGroupsByRate = VatGroups.ToImmutableDictionary(v => ParseDecimal(v.Key), v => v.Value.Trim()),
            ShippingTypes = ShippingTypes.ToImmutableDictionary(s => s.Key, s => int.Parse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture), ci),
            FreightExpenseCode = int.Parse(FreightExpenseCode, NumberStyles.Integer, CultureInfo.InvariantCulture),
            DueInDays = int.Parse(DueInDays, NumberStyles.Integer, CultureInfo.InvariantCulture),
            ChannelWarehouses = Channels
                .Where(c => !string.IsNullOrWhiteSpace(c.Value.DefaultWarehouse))
                .ToImmutableDictionary(c => c.Key, c => c.Value.DefaultWarehouse!.Trim(), ci),
            Locations = Channels.ToImmutableDictionary(
                c => c.Key,
                c => c.Value.Locations.ToImmutableDictionary(
                    l => l.Key,
                    l => new ChannelLocation(
                        l.Value.Warehouse!.Trim(),
                        l.Value.SellableWarehouses.Select(w => w.Trim()).ToImmutableList(),
                        ParseDecimal(l.Value.SafetyBuffer)),
                    ci),
                ci),
            CustomerMatching = Channels.ToImmutableDictionary(c => c.Key, c => ParseRule(c.Value.CustomerMatching), ci),
            Catalogues = Channels.Where(c => c.Value.Catalogue is not null).ToImmutableDictionary(c => c.Key, c => new Catalogue.ChannelCatalogue(c.Key,
                int.Parse(c.Value.Catalogue!.PriceList, NumberStyles.Integer, CultureInfo.InvariantCulture), Enum.Parse<Catalogue.PriceBasis>(c.Value.Catalogue.Prices, ignoreCase: true)), ci),
            CreateMissingCustomers = Channels.Where(c => c.Value.CreateMissingCustomers).Select(c => c.Key).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
            PaymentAccounts = PaymentMethods.ToImmutableDictionary(p => p.Key, p => ToPaymentAccount(p.Value), ci),
            ChannelPaymentAccounts = Channels
                .Where(c => c.Value.PaymentMethods.Count > 0)
                .ToImmutableDictionary(c => c.Key, c => c.Value.PaymentMethods.ToImmutableDictionary(p => p.Key, p => ToPaymentAccount(p.Value), ci), ci),
            ReturnsToStockWarehouse = Returns.RestockWarehouse!.Trim(),
            WriteOffWarehouse = Returns.WriteOffWarehouse!.Trim(),
            WriteOffReasonCodes = Returns.WriteOffReasonCodes.ToImmutableHashSet(ci),
            ShippingRefundAccount = string.IsNullOrWhiteSpace(Returns.ShippingRefundAccount) ? null : Returns.ShippingRefundAccount.Trim(),
            BatchAllocation = TryParseStrategy(BatchAllocation, out var strategy) ? strategy : BatchAllocationStrategy.Fefo,
            TotalsTolerancePerLine = ParseDecimal(TotalsTolerancePerLine),
            CapturedBeforeInvoice = Enum.Parse<Mapping.CapturedBeforeInvoice>(CapturedBeforeInvoice, ignoreCase: true),
        };
    }

    private static void ValidatePaymentMethod(List<string> errors, string key, PaymentMethodSettings payment)
    {
        RequireCode(errors, $"{key}:Account", payment.Account, "must name a G/L account");
        if (!TryParseEnum<PaymentMeans>(payment.Kind, out _))
            errors.Add($"{key}:Kind must be Cash or Transfer, was '{payment.Kind}'");
        if (!TryParseEnum<PaymentCapture>(payment.Capture, out _))
            errors.Add($"{key}:Capture must be AtCheckout or Reported, was '{payment.Capture}'");
    }

    private static PaymentAccount ToPaymentAccount(PaymentMethodSettings payment) =>
        new(payment.Account!.Trim(), Enum.Parse<PaymentMeans>(payment.Kind, ignoreCase: true), Enum.Parse<PaymentCapture>(payment.Capture, ignoreCase: true));

    private static bool TryParseEnum<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    private static void RequireCode(List<string> errors, string key, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add($"{key} {what}, was empty");
    }

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    private static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static bool TryParseStrategy(string? text, out BatchAllocationStrategy strategy)
    {
        strategy = BatchAllocationStrategy.Fefo;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "FEFO":
                return true;
            case "FIFO":
                strategy = BatchAllocationStrategy.Fifo;
                return true;
            default:
                return false;
        }
    }

    private static bool TryParseRule(string? text, out CustomerMatchRule rule) =>
        Enum.TryParse(text, ignoreCase: true, out rule) && Enum.IsDefined(rule) && !int.TryParse(text, out _);

    private static CustomerMatchRule ParseRule(string? text) => TryParseRule(text, out var rule) ? rule : CustomerMatchRule.Email;
}

/// <summary><c>Mapping:Channels:&lt;channel&gt;</c>.</summary>
public sealed class ChannelMappingSettings
{
    /// <summary>The business partner guest orders go to (WEBGUEST, POSGUEST in the emulated company).</summary>
    public string? GuestBusinessPartner { get; set; }

    /// <summary><c>Email</c>, <c>ChannelCustomerId</c> or <c>AlwaysGuest</c>.</summary>
    public string CustomerMatching { get; set; } = "Email";

    /// <summary>Registered customers SAP does not know get a new business partner (matched by email) instead of an exception.</summary>
    public bool CreateMissingCustomers { get; set; }

    /// <summary>Line warehouse for this channel's orders that name no location.</summary>
    public string? DefaultWarehouse { get; set; }

    /// <summary>Channel location id (Magento source code, BigCommerce location id, Sitoo warehouse id, WMS site) to its settings.</summary>
    public Dictionary<string, LocationMappingSettings> Locations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>This channel's payment methods (as the channel names them) to G/L account, kind and capture; ahead of <c>Mapping:PaymentMethods</c>.</summary>
    public Dictionary<string, PaymentMethodSettings> PaymentMethods { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The SAP price list this channel sells from and whether it stores prices gross or net (items and prices out to the channel).</summary>
    public CatalogueMappingSettings? Catalogue { get; set; }
}

/// <summary><c>Mapping:Channels:&lt;channel&gt;:Catalogue</c>.</summary>
public sealed class CatalogueMappingSettings
{
    /// <summary>The SAP price list number (<c>ItemPrices.PriceList</c>) whose prices the channel shows.</summary>
    public string PriceList { get; set; } = "1";

    /// <summary><c>Gross</c> (the channel stores prices with VAT, as Sitoo price lists do) or <c>Net</c>.</summary>
    public string Prices { get; set; } = "Net";
}

/// <summary><c>Mapping:Channels:&lt;channel&gt;:Locations:&lt;location&gt;</c>.</summary>
public sealed class LocationMappingSettings
{
    /// <summary>SAP warehouse that lines sold, received or issued at this location post to.</summary>
    public string? Warehouse { get; set; }

    /// <summary>SAP warehouses whose available stock this location may sell (aggregated when published).</summary>
    public List<string> SellableWarehouses { get; set; } = [];

    /// <summary>Units held back from what is published to the channel for each SKU.</summary>
    public string SafetyBuffer { get; set; } = "0";
}

/// <summary><c>Mapping:PaymentMethods:&lt;method&gt;</c>.</summary>
public sealed class PaymentMethodSettings
{
    public string? Account { get; set; }

    /// <summary><c>Cash</c> (CashAccount/CashSum) or <c>Transfer</c> (TransferAccount/TransferSum).</summary>
    public string Kind { get; set; } = "Transfer";
    /// <summary>
    /// For web orders: <c>AtCheckout</c> (the PSP captured the money when the customer paid) or <c>Reported</c> (cash on
    /// delivery, bank transfer, invoice later: nothing is paid into SAP until the payment is reported).
    /// </summary>
    public string Capture { get; set; } = "AtCheckout";
}

/// <summary><c>Mapping:Returns</c>.</summary>
public sealed class ReturnsSettings
{
    /// <summary>Where returned goods go back to stock when the return names no location.</summary>
    public string? RestockWarehouse { get; set; } = "01";

    /// <summary>Where goods that cannot be resold are booked.</summary>
    public string? WriteOffWarehouse { get; set; } = "DMG";

    /// <summary>The G/L account shipping-only refunds are credited to (a service-type credit note); unset, they park for finance.</summary>
    public string? ShippingRefundAccount { get; set; }

    /// <summary>Return reason codes (Sitoo <c>refundreasoncode-reasoncode</c>) that mean write-off.</summary>
    public List<string> WriteOffReasonCodes { get; set; } = [];
}

/// <summary>The mapping section cannot be used; <see cref="Errors"/> name every bad key.</summary>
public sealed class MappingValidationException(IReadOnlyList<string> errors)
    : Exception("Invalid mapping configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
