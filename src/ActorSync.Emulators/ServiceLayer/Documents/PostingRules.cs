using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// Every write the Service Layer accepts, as plain methods over <see cref="CompanyData"/> (no HTTP). Each call
/// must run inside a <see cref="UnitOfWork"/> under the company's write lock; on a <see cref="SapException"/> the
/// caller rolls the unit back.
/// </summary>
internal sealed class PostingRules
{
    private readonly CompanyData _company;
    private readonly MarketingDocumentPoster _marketing;
    private readonly StockTransferPoster _transfers;
    private readonly PaymentPoster _payments;
    private readonly MasterDataWriter _masterData;

    public PostingRules(CompanyData company, PostingOptions? options = null)
    {
        _company = company;
        var helpers = new PostingHelpers(company);
        var stock = new StockMovements(company, options ?? new PostingOptions());
        _marketing = new MarketingDocumentPoster(company, stock, helpers);
        _transfers = new StockTransferPoster(company, stock, helpers);
        _payments = new PaymentPoster(company, helpers);
        _masterData = new MasterDataWriter(company, helpers);
    }

    public CompanyData Company => _company;

    /// <summary>POST to a document set: validates, books stock, assigns DocEntry/DocNum, stores.</summary>
    public DocumentBase CreateDocument(string entitySet, JsonElement body, UnitOfWork uow)
    {
        var set = DocumentSets.Get(entitySet);
        return set.Kind switch
        {
            DocumentSetKind.Marketing => _marketing.Create(set, Payload.Parse(body, "Document"), uow),
            DocumentSetKind.StockTransfer => _transfers.Create(set, Payload.Parse(body, "StockTransfer"), uow),
            _ => _payments.Create(set, Payload.Parse(body, "Payment"), uow),
        };
    }

    public DocumentBase PatchDocument(string entitySet, int docEntry, JsonElement body, UnitOfWork uow)
    {
        var set = DocumentSets.Get(entitySet);
        if (set.Kind != DocumentSetKind.Marketing)
        {
            if (_company.Store(set.Name).Find(docEntry) is null)
            {
                throw SapErrors.NotFound();
            }

            throw SapErrors.NotAllowed($"The emulator does not update {set.Name}");
        }

        return _marketing.Patch(set, docEntry, Payload.Parse(body, "Document"), uow);
    }

    /// <summary>Bound actions: <c>Close</c> and <c>Cancel</c>.</summary>
    public DocumentBase InvokeAction(string entitySet, int docEntry, string action, UnitOfWork uow)
    {
        var set = DocumentSets.Get(entitySet);
        if (_company.Store(set.Name).Find(docEntry) is null)
        {
            throw SapErrors.NotFound();
        }

        return (set.Kind, action) switch
        {
            (DocumentSetKind.Marketing, "Close") => _marketing.CloseOrCancel(set, docEntry, cancel: false, uow),
            (DocumentSetKind.Marketing, "Cancel") => _marketing.CloseOrCancel(set, docEntry, cancel: true, uow),
            (DocumentSetKind.Payment, "Cancel") => _payments.Cancel(set, docEntry, uow),
            _ => throw SapErrors.ResourceNotFound(action),
        };
    }

    public BusinessPartnerRecord CreateBusinessPartner(JsonElement body, UnitOfWork uow) =>
        _masterData.CreateBusinessPartner(Payload.Parse(body, "BusinessPartner"), uow);

    public CountryRecord CreateCountry(JsonElement body, UnitOfWork uow) =>
        _masterData.CreateCountry(Payload.Parse(body, "Country"), uow);

    public BusinessPartnerRecord PatchBusinessPartner(string cardCode, JsonElement body, UnitOfWork uow) =>
        _masterData.PatchBusinessPartner(cardCode, Payload.Parse(body, "BusinessPartner"), uow);

    public ItemRecord PatchItem(string itemCode, JsonElement body, UnitOfWork uow) =>
        _masterData.PatchItem(itemCode, Payload.Parse(body, "Item"), uow);

    public void DeleteBusinessPartner(string cardCode, UnitOfWork uow) => _masterData.DeleteBusinessPartner(cardCode, uow);

    public void DeleteItem(string itemCode, UnitOfWork uow) => _masterData.DeleteItem(itemCode, uow);
}
