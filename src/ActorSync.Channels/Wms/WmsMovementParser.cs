using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Wms;

/// <summary>
/// Warehouse-system movements. Two shapes are read:
/// <list type="bullet">
/// <item>Sitoo warehouse transactions (the one real WMS-style sample, fixture <c>sitoo/warehousetransactions.json</c>),
///   via <see cref="SitooWarehouseParser"/>.</item>
/// <item>ActorSync's canonical movement document, the stock kinds of channels.md §4.5's <c>WmsEvent</c>, which the
///   Mintsoft/Peoplevox/ShipBob adapters produce (there are no vendor samples of those here):
/// <code>
/// {"source":"mintsoft","movements":[{"id":"ASN-1001","kind":"receipt|issue|transfer|adjustment",
///   "occurredAt":"2026-11-23T10:00:00Z","location":"MAIN","toLocation":"STORE","reference":"PO-7","reasonCode":"…",
///   "lines":[{"sku":"ITM00001","quantity":5,"batch":"B1","batchExpiry":"2031-01-01","serials":["S1"],"unitCost":1.2,"location":"MAIN-2"}]}]}
/// </code>
///   An <c>adjustment</c> carries signed quantities and splits into a receipt and an issue.</item>
/// </list>
/// </summary>
public static class WmsMovementParser
{
    public const string Channel = "wms";

    public static WarehouseMovementBatch Parse(string json)
    {
        var root = PayloadNode.Parse(json, Channel);
        if (SitooWarehouseParser.ListKind(root) == "warehousetransactions")
            return SitooWarehouseParser.ParseTransactions(json);
        if (!root.IsObject || !root.Has("movements"))
            throw root.Error("is neither a Sitoo warehouse-transaction list nor an ActorSync movement document ({\"source\":…,\"movements\":[…]})");

        var source = root.OptionalString("source") ?? Channel;
        var movements = ImmutableList.CreateBuilder<WarehouseMovement>();
        foreach (var m in root.Required("movements").Items())
        {
            // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
            m.RequireObject();
            var id = m.Required("id").Id();
            var kindText = m.RequiredString("kind");
            var at = ParseInstant(m.Required("occurredAt"));
            var location = m.Required("location").Id();
            var toLocation = m.Optional("toLocation")?.Id();
            var reference = m.OptionalString("reference");
            var reason = m.OptionalString("reasonCode");
            var lines = m.Required("lines").Items().Select(ParseLine).ToList();
            switch (kindText.ToLowerInvariant())
            {
                case "receipt":
                case "issue":
                case "transfer":
                {
                    var kind = Enum.Parse<MovementKind>(kindText, ignoreCase: true);
                    foreach (var (line, path) in lines)
                    {
                        if (line.Quantity <= 0)
                            throw new ChannelPayloadException(Channel, path + ".quantity", $"must be positive for a {kindText}, was {line.Quantity.ToString(CultureInfo.InvariantCulture)}");
                    }

                    if (kind == MovementKind.Transfer && toLocation is null)
                        throw new ChannelPayloadException(Channel, m.Path + ".toLocation", "is missing (a transfer needs a destination)");
                    movements.Add(new WarehouseMovement(source, id, kind, at, location, lines.Select(l => l.Line).ToImmutableList(), toLocation, reference, reason));
                    break;
                }

                case "adjustment":
                {
                    var ins = lines.Where(l => l.Line.Quantity > 0).Select(l => l.Line).ToImmutableList();
                    var outs = lines.Where(l => l.Line.Quantity < 0).Select(l => l.Line with { Quantity = -l.Line.Quantity }).ToImmutableList();
                    if (!ins.IsEmpty)
                        movements.Add(new WarehouseMovement(source, id, MovementKind.Receipt, at, location, ins, null, reference, reason));
                    if (!outs.IsEmpty)
                        movements.Add(new WarehouseMovement(source, id, MovementKind.Issue, at, location, outs, null, reference, reason));
                    break;
                }

                default:
                    throw new ChannelPayloadException(Channel, m.Path + ".kind", $"must be receipt, issue, transfer or adjustment, was \"{kindText}\"");
            }
        }

        return new WarehouseMovementBatch(movements.ToImmutable(), []);
    }

    private static (MovementLine Line, string Path) ParseLine(PayloadNode line)
    {
        // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
        line.RequireObject();
        var quantity = line.RequiredDecimal("quantity");
        var serials = line.Optional("serials")?.Items().Select(s => s.String()).ToImmutableList();
        DateOnly? expiry = null;
        if (line.OptionalString("batchExpiry") is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw line.Required("batchExpiry").Error($"must be a date like 2031-01-01, was \"{text}\"");
            expiry = parsed;
        }

        return (new MovementLine(line.RequiredString("sku"), quantity, line.OptionalString("batch"), serials,
            line.Optional("unitCost")?.Decimal(), line.Optional("location")?.Id(), expiry), line.Path);
    }

    private static DateTimeOffset ParseInstant(PayloadNode node)
    {
        if (node.Kind == System.Text.Json.JsonValueKind.Number)
            return node.UnixTime();
        var text = node.String();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        throw node.Error($"must be an ISO-8601 instant or unix seconds, was \"{text}\"");
    }
}
