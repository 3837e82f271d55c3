using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Domain.Stock;
using ActorSync.Engine.Api;
using ActorSync.Host.Api;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Host.WebConsole;

/// <summary>
/// One entity as the engine holds it, as <c>actorsync entity show</c> shows it: an order by <c>channel:id</c> (with
/// what it waits for), a stock position by <c>sku@warehouse</c>, a POS transaction by id. The state is the ops API's
/// JSON, drawn as fields, with lists of documents as tables.
/// </summary>
public static class EntitiesPage
{
    /// <summary>Columns of document lists, in this order when present (as the CLI's tables).</summary>
    private static readonly string[] JobColumns = ["key", "kind", "entitySet", "status", "docEntry", "docNum", "lockAttempts", "dispatchId", "channelShipmentId"];

    public static void Map(RouteGroupBuilder group, ConsoleApp console) => group.MapGet("/entities", console.Page(RenderAsync));

    private static async Task<IResult> RenderAsync(ConsoleContext context)
    {
        var kind = context.Query("kind") is "stock" or "pos" ? context.Query("kind")! : "order";
        var id = context.Query("id");
        var result = id is null ? Html.Empty : await LookUpAsync(context, kind, id);
        var options = new[] { ("order", "Order (channel:id)"), ("stock", "Stock (sku@warehouse)"), ("pos", "POS transaction (channel:id)") }
            .Select(o => H($"<option value=\"{o.Item1}\"{Html.When(o.Item1 == kind, H($" selected"))}>{o.Item2}</option>"));
        var body = H($"""
            <h1>Look-up</h1>
            <form method="get" action="/console/entities" class="row">
              <label for="kind">What</label><select id="kind" name="kind">{options}</select>
              <label for="id">Id</label><input id="id" name="id" value="{id ?? ""}" placeholder="magento:000001234, ITM00001@01, sitoo:11513" required>
              <button type="submit">Look up</button>
            </form>
            <section id="entity">{result}</section>
            """);
        return await context.PageAsync(id is null ? "Look-up" : $"{kind} {id}", "entities", body);
    }

    private static async Task<Html> LookUpAsync(ConsoleContext context, string kind, string id)
    {
        var engine = context.Service<SyncEngine>();
        JsonNode? state;
        switch (kind)
        {
            case "stock":
                var at = id.LastIndexOf('@');
                if (at <= 0 || at == id.Length - 1) return H($"<p class=\"error\">A stock position is named sku@warehouse (ITM00001@01); '{id}' is not.</p>");
                var position = await engine.GetStockAsync(new StockKey(id[(at + 1)..], id[..at]), context.Ct);
                state = position.IsEmpty ? null : JsonSerializer.SerializeToNode(position, FlowsApi.Json);
                break;
            case "pos":
                var transaction = await engine.GetPosTransactionAsync(id, context.Ct);
                state = transaction.IsEmpty ? null : JsonSerializer.SerializeToNode(transaction, FlowsApi.Json);
                break;
            default:
                if (id.IndexOf(':') is <= 0 || id.EndsWith(':')) return H($"<p class=\"error\">An order is named channel:id (magento:000001234); '{id}' is not.</p>");
                state = await ServiceHost.OrderViewAsync(engine, id, context.Ct);
                break;
        }
        return state is JsonObject found
            ? H($"<h2>{kind} {id}</h2>{Render(found)}")
            : H($"<p class=\"empty\" id=\"not-found\">The engine has no {kind} {id}.</p>");
    }

    /// <summary>Plain values as fields (one level down as <c>parent.child</c>), lists of records (documents, lines) as tables, other lists by their items.</summary>
    private static Html Render(JsonObject state)
    {
        var fields = new List<Html>();
        var tables = new List<Html>();
        foreach (var (name, value) in state)
        {
            switch (value)
            {
                case JsonObject child:
                    foreach (var (childName, childValue) in child)
                    {
                        if (childValue is JsonArray { Count: > 0 } rows && rows.All(r => r is JsonObject)) tables.Add(Table($"{name}.{childName}", rows));
                        else if (childValue is not (JsonObject or JsonArray)) fields.Add(Field($"{name}.{childName}", Text(childValue)));
                    }
                    break;
                case JsonArray { Count: > 0 } items when items.All(i => i is JsonObject):
                    tables.Add(Table(name, items));
                    break;
                case JsonArray items:
                    fields.Add(Field(name, items.Count == 0 ? "–" : string.Join(", ", items.Select(Text))));
                    break;
                default:
                    fields.Add(Field(name, Text(value)));
                    break;
            }
        }
        return H($"<dl class=\"fields\">{fields}</dl>{tables}");
    }

    /// <summary>Documents by the CLI's columns; any other records by their plain values (at most eight).</summary>
    private static Html Table(string name, JsonArray items)
    {
        var first = items[0]!.AsObject();
        var columns = JobColumns.Count(first.ContainsKey) >= 2
            ? JobColumns.Where(c => items.Any(i => i!.AsObject().ContainsKey(c))).ToList()
            : first.Where(p => p.Value is not (JsonObject or JsonArray)).Select(p => p.Key).Take(8).ToList();
        var head = columns.Select(c => H($"<th>{c}</th>"));
        var rows = items.Select(i => H($"<tr>{columns.Select(c => H($"<td>{Text(i![c])}</td>"))}</tr>"));
        return H($"<h3>{name}</h3><table class=\"list\" data-list=\"{name}\"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>");
    }

    private static Html Field(string name, string value) => H($"<dt>{name}</dt><dd data-field=\"{name}\">{value}</dd>");

    private static string Text(JsonNode? node) => node switch
    {
        null => "–",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
