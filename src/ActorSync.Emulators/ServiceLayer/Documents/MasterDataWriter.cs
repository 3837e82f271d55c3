using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Writes to master data: create/patch business partners (the engine creates web customers, with their
/// <c>BPAddresses</c>; a PATCH leaves addresses as they are), patch items (tests
/// deactivate or freeze items, change prices) and delete either while no document names it (reference §6: DI's
/// <c>Remove</c>). Items cannot be created through the emulator.
/// </summary>
internal sealed class MasterDataWriter(CompanyData company, PostingHelpers helpers)
{
    public BusinessPartnerRecord CreateBusinessPartner(Payload body, UnitOfWork uow)
    {
        var extras = body.CollectExtras(ModelledProperties.BusinessPartner);
        var code = body.String("CardCode");
        if (string.IsNullOrWhiteSpace(code))
        {
            throw SapErrors.Validation("Enter a business partner code [OCRD.CardCode]");
        }

        if (company.FindBusinessPartner(code) is not null)
        {
            // Duplicate key on insert (reference §4).
            throw new SapException(400, SapErrors.DuplicateKeyCode, SapErrors.DuplicateKeyText);
        }

        var cardType = body.String("CardType") switch
        {
            null or "cCustomer" or "C" => "cCustomer",
            "cSupplier" or "S" => "cSupplier",
            "cLid" or "L" => "cLid",
            var other => throw SapErrors.BadQuery($"Value of property 'CardType' of 'BusinessPartner' is invalid: '{other}'"),
        };
        var currency = body.String("Currency") ?? CompanyCatalog.Currency;
        new CurrencyRules(company).RequirePartnerCurrency(currency);
        var partner = new BusinessPartnerRecord(code, body.String("CardName") ?? code, cardType, uow.Now)
        {
            EmailAddress = body.String("EmailAddress"),
            Phone1 = body.String("Phone1"),
            GroupCode = body.Int("GroupCode") ?? 100,
            PriceListNum = body.Int("PriceListNum") ?? CompanyCatalog.PriceListRetail,
            Currency = currency,
            Valid = body.YesNo("Valid") ?? true,
            Frozen = body.YesNo("Frozen") ?? false,
            Extras = extras,
        };
        new AddressRules(company).ApplyToNewPartner(partner, body);
        company.AddBusinessPartner(partner, uow);
        return partner;
    }

    /// <summary>
    /// A country added the way an administrator does in SAP (Countries, OCRY): <c>Code</c> (at most 3 characters,
    /// unique) and <c>Name</c>; the other metadata fields are accepted and not stored.
    /// </summary>
    public CountryRecord CreateCountry(Payload body, UnitOfWork uow)
    {
        body.CollectExtras(CountryFields);
        var code = body.String("Code");
        if (string.IsNullOrWhiteSpace(code) || code.Length > 3)
        {
            throw SapErrors.Validation("Enter a country code of up to 3 characters [OCRY.Code]");
        }

        if (company.FindCountry(code) is not null)
        {
            throw new SapException(400, SapErrors.DuplicateKeyCode, SapErrors.DuplicateKeyText);
        }

        var country = new CountryRecord(code, body.String("Name") ?? code, body.YesNo("EU") ?? false);
        company.AddCountry(country, uow);
        return country;
    }

    private static readonly System.Collections.Frozen.FrozenSet<string> CountryFields =
        System.Collections.Frozen.FrozenSet.ToFrozenSet(["Code", "Name", "EU"], StringComparer.Ordinal);

    public BusinessPartnerRecord PatchBusinessPartner(string cardCode, Payload body, UnitOfWork uow)
    {
        var partner = company.FindBusinessPartner(cardCode) ?? throw SapErrors.NotFound();
        var extras = body.CollectExtras(ModelledProperties.BusinessPartner);
        if (body.String("CardCode") is { } sent && !string.Equals(sent, cardCode, StringComparison.Ordinal))
        {
            throw SapErrors.Validation("The business partner code cannot be changed [OCRD.CardCode]");
        }

        var snapshot = partner.Clone();
        uow.OnRollback(() => partner.RestoreFrom(snapshot));
        partner.Extras = new Dictionary<string, System.Text.Json.JsonElement>(partner.Extras, StringComparer.Ordinal);
        if (body.Contains("CardName"))
        {
            partner.CardName = body.String("CardName") ?? partner.CardName;
        }

        if (body.Contains("EmailAddress"))
        {
            partner.EmailAddress = body.String("EmailAddress");
        }

        if (body.Contains("Phone1"))
        {
            partner.Phone1 = body.String("Phone1");
        }

        partner.GroupCode = body.Int("GroupCode") ?? partner.GroupCode;
        partner.PriceListNum = body.Int("PriceListNum") ?? partner.PriceListNum;
        if (body.String("Currency") is { } currency)
        {
            new CurrencyRules(company).RequirePartnerCurrency(currency);
            partner.Currency = currency;
        }

        partner.Valid = body.YesNo("Valid") ?? partner.Valid;
        partner.Frozen = body.YesNo("Frozen") ?? partner.Frozen;
        foreach (var (name, value) in extras)
        {
            partner.Extras[name] = value;
        }

        partner.UpdateStamp = uow.Now;
        return partner;
    }

    private static readonly IReadOnlySet<string> PatchableItemProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        "ItemCode", "ItemName", "BarCode", "Valid", "Frozen", "SalesVATGroup", "ItemPrices", "ValidFrom", "ValidTo", "FrozenFrom", "FrozenTo",
    };

    public ItemRecord PatchItem(string itemCode, Payload body, UnitOfWork uow)
    {
        var item = company.FindItem(itemCode) ?? throw SapErrors.NotFound();
        foreach (var property in body.Element.EnumerateObject())
        {
            if (!PatchableItemProperties.Contains(property.Name))
            {
                if (!Company.Metadata.EntityMetadata.IsKnown("Item", property.Name))
                {
                    throw SapErrors.InvalidProperty(property.Name, "Item");
                }

                throw SapErrors.Validation($"The emulator cannot change property '{property.Name}' of 'Item'");
            }
        }

        if (body.String("ItemCode") is { } sent && !string.Equals(sent, itemCode, StringComparison.Ordinal))
        {
            throw SapErrors.Validation("The item code cannot be changed [OITM.ItemCode]");
        }

        var (name, barCode, valid, frozen, vat, retail, wholesale, stamp) =
            (item.ItemName, item.BarCode, item.Valid, item.Frozen, item.SalesVatGroup, item.RetailPrice, item.WholesalePrice, item.UpdateStamp);
        var (validFrom, validTo, frozenFrom, frozenTo) = (item.ValidFrom, item.ValidTo, item.FrozenFrom, item.FrozenTo);
        uow.OnRollback(() =>
        {
            (item.ValidFrom, item.ValidTo, item.FrozenFrom, item.FrozenTo) = (validFrom, validTo, frozenFrom, frozenTo);
            item.ItemName = name;
            item.BarCode = barCode;
            item.Valid = valid;
            item.Frozen = frozen;
            item.SalesVatGroup = vat;
            item.RetailPrice = retail;
            item.WholesalePrice = wholesale;
            item.UpdateStamp = stamp;
        });

        item.ItemName = body.String("ItemName") ?? item.ItemName;
        if (body.Contains("BarCode"))
        {
            item.BarCode = body.String("BarCode");
        }

        item.Valid = body.YesNo("Valid") ?? item.Valid;
        item.Frozen = body.YesNo("Frozen") ?? item.Frozen;
        if (body.Contains("ValidFrom")) item.ValidFrom = body.Date("ValidFrom");
        if (body.Contains("ValidTo")) item.ValidTo = body.Date("ValidTo");
        if (body.Contains("FrozenFrom")) item.FrozenFrom = body.Date("FrozenFrom");
        if (body.Contains("FrozenTo")) item.FrozenTo = body.Date("FrozenTo");
        if (body.String("SalesVATGroup") is { } vatGroup)
        {
            item.SalesVatGroup = helpers.RequireVatGroup(vatGroup, "OITM.VatGourpSa", 0).Code;
        }

        foreach (var price in body.Array("ItemPrices", "ItemPrice"))
        {
            var list = price.Int("PriceList") ?? throw SapErrors.BadReference("ITM1.PriceList", null);
            var amount = price.Decimal("Price") ?? throw SapErrors.BadQuery("Value of property 'Price' of 'ItemPrice' is invalid");
            switch (list)
            {
                case CompanyCatalog.PriceListRetail:
                    item.RetailPrice = amount;
                    break;
                case CompanyCatalog.PriceListWholesale:
                    item.WholesalePrice = amount;
                    break;
                default:
                    throw SapErrors.BadReference("ITM1.PriceList", null);
            }
        }

        item.UpdateStamp = uow.Now;
        return item;
    }

    public void DeleteBusinessPartner(string cardCode, UnitOfWork uow)
    {
        var partner = company.FindBusinessPartner(cardCode) ?? throw SapErrors.NotFound();
        if (company.AnyDocument(d => NamesPartner(d, cardCode)))
        {
            throw SapErrors.PartnerLinked();
        }

        company.RemoveBusinessPartner(partner, uow);
    }

    public void DeleteItem(string itemCode, UnitOfWork uow)
    {
        var item = company.FindItem(itemCode) ?? throw SapErrors.NotFound();
        if (company.AnyDocument(d => NamesItem(d, itemCode)))
        {
            throw SapErrors.ItemLinked(itemCode);
        }

        company.RemoveItem(item, uow);
    }

    /// <summary>Marketing and inventory documents, stock transfers and payments carry the partner in their header.</summary>
    private static bool NamesPartner(DocumentBase document, string cardCode) => document switch
    {
        MarketingDocument doc => string.Equals(doc.CardCode, cardCode, StringComparison.Ordinal),
        StockTransferDocument doc => string.Equals(doc.CardCode, cardCode, StringComparison.Ordinal),
        PaymentDocument doc => string.Equals(doc.CardCode, cardCode, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Items appear on document rows; payments have none.</summary>
    private static bool NamesItem(DocumentBase document, string itemCode) => document switch
    {
        MarketingDocument doc => doc.Lines.Any(l => string.Equals(l.ItemCode, itemCode, StringComparison.Ordinal)),
        StockTransferDocument doc => doc.Lines.Any(l => string.Equals(l.ItemCode, itemCode, StringComparison.Ordinal)),
        _ => false,
    };
}
