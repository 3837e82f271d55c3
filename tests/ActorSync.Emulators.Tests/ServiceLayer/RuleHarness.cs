using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Documents;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Business rules without HTTP: a company plus its posting rules, each call its own unit of work.</summary>
internal sealed class RuleHarness
{
    public RuleHarness(CompanySpec? spec = null, PostingOptions? options = null)
    {
        Company = new CompanyData(spec ?? new CompanySpec { Items = 60, Customers = 5 });
        Rules = new PostingRules(Company, options);
    }

    public CompanyData Company { get; }
    public PostingRules Rules { get; }

    public T Run<T>(Func<UnitOfWork, T> action) => Company.Write(() =>
    {
        var uow = new UnitOfWork(new DateTime(2026, 3, 14, 9, 26, 53));
        try
        {
            return action(uow);
        }
        catch
        {
            uow.Rollback();
            throw;
        }
    });

    public DocumentBase Post(string set, string json)
    {
        using var document = JsonDocument.Parse(json);
        return Run(uow => Rules.CreateDocument(set, document.RootElement, uow));
    }

    public MarketingDocument PostDocument(string set, string json) => (MarketingDocument)Post(set, json);

    public SapException Reject(string set, string json) => Assert.Throws<SapException>(() => Post(set, json));

    public void Patch(string set, int docEntry, string json)
    {
        using var document = JsonDocument.Parse(json);
        Run(uow => Rules.PatchDocument(set, docEntry, document.RootElement, uow));
    }

    public void Action(string set, int docEntry, string action) => Run(uow => Rules.InvokeAction(set, docEntry, action, uow));

    public StockLevel Stock(string item, string warehouse = CompanyCatalog.MainWarehouse) => Company.GetStock(item, warehouse);

    public ItemRecord Plain(int index = 0) => Company.FirstPlainActiveItemsWithStock(index + 1, 20)[index];
    public ItemRecord Batch(int index = 0) => Company.FirstItems(ItemKind.BatchManaged, index + 1)[index];
    public ItemRecord Serial(int index = 0) => Company.FirstItems(ItemKind.SerialManaged, index + 1)[index];

    public static string Line(string item, decimal quantity, string? extra = null) =>
        $$"""{"ItemCode":"{{item}}","Quantity":{{quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}}{{(extra is null ? "" : "," + extra)}}}""";

    public static string Doc(string card, params string[] lines) =>
        $$"""{"CardCode":"{{card}}","DocumentLines":[{{string.Join(',', lines)}}]}""";

    public static string Based(int baseType, int baseEntry, int baseLine, decimal? quantity = null) =>
        $$"""{"BaseType":{{baseType}},"BaseEntry":{{baseEntry}},"BaseLine":{{baseLine}}{{(quantity is { } q ? ",\"Quantity\":" + q.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}}}""";
}
