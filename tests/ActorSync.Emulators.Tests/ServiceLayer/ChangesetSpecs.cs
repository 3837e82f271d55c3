using System.Text;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Engine;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.Tests.ServiceLayer;

/// <summary>Changeset atomicity through the write pipeline — no HTTP involved.</summary>
public class ChangesetSpecs
{
    private readonly ServiceLayerEmulatorState _state = new(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = 40, Customers = 3 } });
    private readonly WritePipeline _pipeline;

    public ChangesetSpecs() => _pipeline = new WritePipeline(_state);

    private static WriteOperation Post(string path, string body, string? contentId = null) =>
        new() { Method = "POST", Path = path, Body = Encoding.UTF8.GetBytes(body), ContentId = contentId };

    private Task<ChangesetOutcome> Run(params WriteOperation[] operations) =>
        _pipeline.ExecuteAsync(operations, ODataVersion.V1, "http://emulator/", CancellationToken.None);

    [Fact]
    public async Task All_writes_commit_together()
    {
        var item = _state.Company.FirstPlainActiveItems(1)[0].ItemCode;
        var outcome = await Run(
            Post("Orders", $$"""{"CardCode":"C00001","DocumentLines":[{"ItemCode":"{{item}}","Quantity":2}]}""", "1"),
            Post("$1/Close", "", "2"));
        Assert.True(outcome.Succeeded);
        Assert.Equal([201, 204], outcome.Results.Select(r => r.Status));
        Assert.Equal("http://emulator/b1s/v1/Orders(1)", outcome.Results[0].Location);
        Assert.Equal(0m, _state.Company.GetStock(item, "01").Committed);
        Assert.Equal(["Orders"], outcome.CreatedSets);
    }

    [Fact]
    public async Task A_failure_rolls_back_documents_stock_partners_and_numbering()
    {
        var items = _state.Company.FirstPlainActiveItems(2).Select(i => i.ItemCode).ToList();
        var before = items.Select(i => _state.Company.GetStock(i, "01")).ToList();
        var outcome = await Run(
            Post("Orders", $$"""{"CardCode":"C00001","NumAtCard":"X","DocumentLines":[{"ItemCode":"{{items[0]}}","Quantity":2}]}""", "1"),
            Post("Invoices", $$"""{"CardCode":"POSGUEST","DocumentLines":[{"ItemCode":"{{items[1]}}","Quantity":1}]}""", "2"),
            Post("BusinessPartners", """{"CardCode":"NEW-9","CardName":"x"}""", "3"),
            Post("DeliveryNotes", """{"CardCode":"C00001","DocumentLines":[{"BaseType":17,"BaseEntry":1,"BaseLine":0,"Quantity":5}]}""", "4"));

        Assert.False(outcome.Succeeded);
        Assert.Equal((3, -10), (outcome.FailedIndex, outcome.Error!.Code)); // over-delivery of the order created in part 1
        Assert.Equal(before, items.Select(i => _state.Company.GetStock(i, "01")).ToList());
        Assert.Empty(_state.Company.Orders);
        Assert.Empty(_state.Company.Invoices);
        Assert.Null(_state.Company.FindBusinessPartner("NEW-9"));
        Assert.Equal(0L, _state.GetStats().DocumentsCreated["Orders"]);

        var retry = await Run(Post("Orders", $$"""{"CardCode":"C00001","NumAtCard":"X","DocumentLines":[{"ItemCode":"{{items[0]}}","Quantity":2}]}""", "1"));
        Assert.True(retry.Succeeded);
        Assert.Equal(1, _state.Company.Orders.Single().DocEntry);
        Assert.Equal(0L, _state.GetStats().DuplicateNumAtCard["Orders"]); // the rolled-back "X" left no trace
    }

    [Fact]
    public async Task A_reference_to_an_unknown_content_id_fails_the_changeset()
    {
        var outcome = await Run(Post("$7/Close", "", "1"));
        Assert.False(outcome.Succeeded);
        Assert.Equal(0, outcome.FailedIndex);
    }
}
