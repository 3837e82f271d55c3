using System.CommandLine;
using System.Text.Json;

namespace ActorSync.Cli.Ops;

/// <summary><c>entity show order &lt;channel&gt;:&lt;id&gt;</c>, <c>entity show stock &lt;sku&gt;@&lt;warehouse&gt;</c>, <c>entity show pos &lt;id&gt;</c>.</summary>
public static class EntityCommands
{
    /// <summary>Lists that read best as their own table; columns in this order when present.</summary>
    private static readonly string[] JobColumns = ["key", "kind", "entitySet", "status", "docEntry", "docNum", "lockAttempts", "dispatchId", "channelShipmentId"];

    public static Command Build(OpsContext context)
    {
        var orderId = new Argument<string>("channel:id") { Description = "The order's id: channel and external id, e.g. magento:000001234." };
        var order = new Command("order", "An order: status, SAP keys, what it waits for, its documents.") { orderId };
        order.SetAction((parsed, ct) =>
        {
            var id = parsed.GetValue(orderId)!;
            return id.IndexOf(':') is <= 0 || id.EndsWith(':')
                ? Task.FromResult(context.Usage($"an order is named <channel>:<id> (magento:000001234), was '{id}'."))
                : context.CallAsync(parsed, (c, t) => c.GetAsync($"/api/orders/{Uri.EscapeDataString(id)}", t), (b, o) => Render($"Order {id}", b, o), ct);
        });

        var stockId = new Argument<string>("sku@warehouse") { Description = "The SKU and SAP warehouse, e.g. ITM00001@01." };
        var stock = new Command("stock", "A stock position: SAP's figures, version, what each channel was told.") { stockId };
        stock.SetAction((parsed, ct) =>
        {
            var id = parsed.GetValue(stockId)!;
            var at = id.LastIndexOf('@');
            return at <= 0 || at == id.Length - 1
                ? Task.FromResult(context.Usage($"a stock position is named <sku>@<warehouse> (ITM00001@01), was '{id}'."))
                : context.CallAsync(parsed, (c, t) => c.GetAsync($"/api/stock/{Uri.EscapeDataString(id[(at + 1)..])}/{Uri.EscapeDataString(id[..at])}", t),
                    (b, o) => Render($"Stock {id}", b, o), ct);
        });

        var posId = new Argument<string>("id") { Description = "The POS transaction's id, e.g. sitoo:11513." };
        var pos = new Command("pos", "A POS transaction: status, planned documents and their SAP keys.") { posId };
        pos.SetAction((parsed, ct) =>
        {
            var id = parsed.GetValue(posId)!;
            return context.CallAsync(parsed, (c, t) => c.GetAsync($"/api/pos-transactions/{Uri.EscapeDataString(id)}", t), (b, o) => Render($"POS transaction {id}", b, o), ct);
        });

        return new Command("entity", "One entity as the engine holds it.") { new Command("show", "Shows an order, a stock position or a POS transaction.") { order, stock, pos } };
    }

    /// <summary>
    /// Any entity's state: its plain values (and those one level down, such as <c>waitingFor.what</c>) as fields,
    /// lists of documents as their own tables, other lists by their length. The whole state is in <c>--json</c>.
    /// </summary>
    internal static void Render(string title, JsonElement state, Output output)
    {
        var fields = new List<(string, string?)>();
        var lists = new List<(string Name, List<JsonElement> Items)>();
        foreach (var property in state.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var child in property.Value.EnumerateObject().Where(c => c.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                        fields.Add(($"{property.Name}.{child.Name}", Output.Cut(Output.Cell(child.Value), 120)));
                    break;
                case JsonValueKind.Array:
                    var items = property.Value.EnumerateArray().ToList();
                    if (items.Count > 0 && items.All(i => i.ValueKind == JsonValueKind.Object) && JobColumns.Count(c => items[0].TryGetProperty(c, out _)) >= 2)
                        lists.Add((property.Name, items));
                    else
                        fields.Add((property.Name, items.Count == 0 ? null : items.All(i => i.ValueKind != JsonValueKind.Object) ? Output.Cut(Output.Cell(property.Value), 120) : $"{items.Count} item(s)"));
                    break;
                default:
                    fields.Add((property.Name, Output.Cut(Output.Cell(property.Value), 120)));
                    break;
            }
        }
        output.Fields(title, fields);
        foreach (var (name, items) in lists)
        {
            var columns = JobColumns.Where(c => items.Any(i => i.TryGetProperty(c, out _))).ToList();
            output.Table(name, columns, items.Select(i => (IReadOnlyList<string?>)columns.Select(c => Output.Cell(i, c)).ToList()));
        }
    }
}
