using System.Collections.Immutable;
using ActorSync.Channels;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Json;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Sitoo;
using ActorSync.Channels.Wms;

namespace ActorSync.Cli.Map;

/// <summary>Recognises which of a channel's payload shapes a file holds and runs the matching dry run.</summary>
public static class ChannelMaps
{
    public static readonly ImmutableArray<string> Channels = ["magento", "bigcommerce", "sitoo", "wms"];

    public static void Run(string channel, string json, MapReport report, MapContext context)
    {
        switch (channel)
        {
            case "magento":
                Magento(json, report, context);
                break;
            case "bigcommerce":
                BigCommerce(json, report, context);
                break;
            case "sitoo":
                Sitoo(json, report, context);
                break;
            case "wms" when WmsDispatchParser.IsDispatchDocument(json):
                report.RecognisedAs = "warehouse dispatches";
                foreach (var dispatch in WmsDispatchParser.Parse(json))
                {
                    var entry = report.Add($"{dispatch.Source} dispatch {dispatch.DispatchId} of {dispatch.Channel} order {dispatch.OrderExternalId}");
                    entry.Parsed = dispatch;
                    entry.Outcome = $"A DispatchConfirmation: a Delivery copied from sales order {dispatch.OrderKey.NumAtCard} (BaseType 17), then an A/R Invoice copied from the delivery (BaseType 15); "
                        + $"and, when Tracking:{dispatch.Channel} is configured, the shipment{(dispatch.TrackingNumber is { } t ? $" with tracking {dispatch.Carrier} {t}" : "")} created in {dispatch.Channel} once.";
                }
                break;
            case "wms":
                var batch = WmsMovementParser.Parse(json);
                report.RecognisedAs = "warehouse movements";
                DryRuns.Warehouse(report, batch.Movements, batch.Skipped, context, "wms");
                break;
            default:
                throw new MapInputException($"Unknown channel '{channel}'; expected one of {string.Join(", ", Channels)}.");
        }
    }

    private static void Magento(string json, MapReport report, MapContext context)
    {
        var root = PayloadNode.Parse(json, MagentoOrderParser.Channel);
        // Orders have no top-level order_id; shipments and credit memos name their order with it.
        if (root.IsObject && root.Has("order_id"))
        {
            var orderId = context.OrderId ?? throw new MapInputException(
                "This Magento payload is a shipment or credit memo; it names its order by entity_id only, so pass the order's increment_id with --order.");
            if (root.Has("tracks") || root.Has("total_qty"))
            {
                var dispatch = MagentoFulfilmentParser.ParseShipment(json, orderId);
                report.RecognisedAs = "magento shipment";
                var entry = report.Add($"magento shipment {dispatch.DispatchId} of order {orderId}");
                entry.Parsed = dispatch;
                entry.Outcome = $"A DispatchConfirmation: a Delivery copied from sales order {dispatch.OrderKey.NumAtCard} (BaseType 17), then an A/R Invoice copied from the delivery (BaseType 15); the DocEntries come from SAP at post time.";
            }
            else
            {
                var refund = MagentoFulfilmentParser.ParseCreditMemo(json, orderId, returnToStock: true);
                report.RecognisedAs = "magento credit memo";
                var entry = report.Add($"magento credit memo {refund.RefundId} of order {orderId}");
                entry.Parsed = refund;
                entry.Outcome = $"A RefundRequest: an A/R Credit Note copied from the order's invoice (BaseType 13), restocked to {context.Mapping.ReturnsToStockWarehouse}; never twice for refund {refund.RefundId}.";
            }

            return;
        }

        var orders = MagentoOrderParser.ParseAll(json);
        report.RecognisedAs = orders.Count == 1 && !MagentoOrderParser.IsSearchResult(root) ? "magento order" : $"magento order search result ({orders.Count})";
        foreach (var order in orders)
            DryRuns.Order(report, order, context);
    }

    private static void BigCommerce(string json, MapReport report, MapContext context)
    {
        var root = PayloadNode.Parse(json, BigCommerceOrderParser.Channel);
        if (root.IsObject && root.Has("scope"))
        {
            var hook = BigCommerceWebhookParser.Parse(json);
            var outcome = BigCommerceWebhookParser.Decide(hook);
            report.RecognisedAs = $"bigcommerce webhook {hook.Scope}";
            var entry = report.Add($"bigcommerce webhook {hook.Scope} ({hook.DataType} {hook.Id}, hash {hook.Hash})");
            entry.Readiness = new OrderReadiness(outcome.Action, outcome.What);
            entry.Fetch = outcome.Fetch;
            entry.Parsed = outcome.Cancellation is not null ? outcome.Cancellation : hook;
            entry.Outcome = outcome.Cancellation is not null
                ? $"An OrderCancellation straight from the callback: sales order {outcome.Cancellation.OrderKey.NumAtCard} is closed if posted, never posted otherwise."
                : outcome.Fetch is not null ? "Only ids: the engine fetches the records below, then acts." : outcome.What;
            entry.Notes.Add($"Duplicate deliveries carry the same hash ({hook.Hash}); the engine processes each hash once.");
            return;
        }

        if (BigCommerceOrderParser.IsBundle(root))
        {
            report.RecognisedAs = "bigcommerce order with products and shipping addresses";
            DryRuns.Order(report, BigCommerceOrderParser.ParseBundle(json), context);
            return;
        }

        if (root.IsObject && root.Has("status_id"))
        {
            var header = BigCommerceOrderParser.ParseOrder(json);
            if (context.ProductsFile is not null)
            {
                report.RecognisedAs = "bigcommerce order (header + --products)";
                var products = BigCommerceOrderParser.ParseProducts(ReadFile(context.ProductsFile, "--products"));
                var addresses = context.ShippingAddressesFile is null ? [] : BigCommerceOrderParser.ParseShippingAddresses(ReadFile(context.ShippingAddressesFile, "--shipping-addresses"));
                DryRuns.Order(report, BigCommerceOrderParser.Compose(header, products, addresses), context);
                return;
            }

            report.RecognisedAs = "bigcommerce order header";
            Header(report, header, context);
            return;
        }

        if (root.IsObject && root.Has("data"))
        {
            report.RecognisedAs = "bigcommerce refunds";
            var data = root.Required("data");
            var first = data.IsArray ? data.Items().FirstOrDefault() : data;
            if (!first.IsObject)
                throw root.Error("holds no refund in data");
            var refundId = first.Required("id").Id();
            var orderId = first.Required("order_id").Id();
            var entry = report.Add($"bigcommerce refund {refundId} of order {orderId}");
            if (context.ProductsFile is null)
            {
                entry.Fetch = new FetchPlan("bigcommerce", $"products of order {orderId}", [$"GET /v2/orders/{orderId}/products"], "SKUs for the refunded order products; pass them with --products to see the RefundRequest.");
                entry.Outcome = "Refund items name order products by id; the engine reads the order's products first.";
                return;
            }

            var refund = BigCommerceFulfilmentParser.ParseRefund(json, refundId, BigCommerceOrderParser.ParseProducts(ReadFile(context.ProductsFile, "--products")), returnToStock: true);
            entry.Parsed = refund;
            entry.Outcome = $"A RefundRequest: an A/R Credit Note copied from the order's invoice (BaseType 13); never twice for refund {refundId}.";
            return;
        }

        if (root.IsObject && root.Has("tracking_number") && root.Has("items"))
        {
            report.RecognisedAs = "bigcommerce shipment";
            var orderId = root.Required("order_id").Id();
            var entry = report.Add($"bigcommerce shipment {root.Required("id").Id()} of order {orderId}");
            if (context.ProductsFile is null)
            {
                entry.Fetch = new FetchPlan("bigcommerce", $"products of order {orderId}", [$"GET /v2/orders/{orderId}/products"], "SKUs for the shipped order products; pass them with --products to see the DispatchConfirmation.");
                entry.Outcome = "Shipment items name order products by id; the engine reads the order's products first.";
                return;
            }

            var dispatch = BigCommerceFulfilmentParser.ParseShipment(json, BigCommerceOrderParser.ParseProducts(ReadFile(context.ProductsFile, "--products")));
            entry.Parsed = dispatch;
            entry.Outcome = $"A DispatchConfirmation: a Delivery copied from sales order {dispatch.OrderKey.NumAtCard} (BaseType 17), then an A/R Invoice copied from the delivery (BaseType 15).";
            return;
        }

        if (root.IsArray)
        {
            var first = root.Items().FirstOrDefault();
            if (!first.IsObject)
                throw root.Error("is an empty list or a list of something other than objects");
            if (first.Has("status_id"))
            {
                var headers = BigCommerceOrderParser.ParseOrderList(json);
                report.RecognisedAs = $"bigcommerce order list ({headers.Count})";
                foreach (var header in headers)
                    Header(report, header, context);
                return;
            }

            if (first.Has("order_address_id") && first.Has("product_id"))
            {
                var products = BigCommerceOrderParser.ParseProducts(json);
                report.RecognisedAs = $"bigcommerce order products ({products.Count})";
                var orderId = products[0].OrderId;
                var entry = report.Add($"bigcommerce products of order {orderId}");
                entry.Parsed = products;
                entry.Fetch = new FetchPlan("bigcommerce", $"order {orderId}", [$"GET /v2/orders/{orderId}", $"GET /v2/orders/{orderId}/shipping_addresses"],
                    "The order header (status, customer, totals, shipping) to complete the ChannelOrder and its Sales Order.");
                entry.Outcome = "Lines only: the engine needs the order header before it can build anything.";
                return;
            }

            if (first.Has("shipping_method") && first.Has("order_id"))
            {
                var addresses = BigCommerceOrderParser.ParseShippingAddresses(json);
                report.RecognisedAs = $"bigcommerce order shipping addresses ({addresses.Count})";
                var orderId = addresses[0].OrderId;
                var entry = report.Add($"bigcommerce shipping addresses of order {orderId}");
                entry.Parsed = addresses;
                entry.Fetch = new FetchPlan("bigcommerce", $"order {orderId}", [$"GET /v2/orders/{orderId}", $"GET /v2/orders/{orderId}/products"],
                    "The header and lines to complete the ChannelOrder; the first address with items gives the shipping method.");
                entry.Outcome = "Addresses only: the engine needs the order and its products before it can build anything.";
                foreach (var address in addresses.Where(a => a.Address is not null))
                    DryRuns.Address(entry, $"ship-to {address.Id}", address.Address!, context, $"Order bigcommerce:{orderId}, ship-to address {address.Id}");
                return;
            }

            if (first.Has("system_label") || first.Has("custom_label"))
            {
                var statuses = BigCommerceStatuses.ParseStatusList(json);
                report.RecognisedAs = $"bigcommerce order statuses ({statuses.Count})";
                var entry = report.Add("bigcommerce order statuses");
                entry.Parsed = statuses;
                entry.Outcome = "Reference data: how the engine treats an order in each status (post, hold, cancel).";
                return;
            }
        }

        throw root.Error("is not a BigCommerce payload this command knows (webhook, v2 order, order list, products, shipping addresses, statuses, shipment, refunds, or an {\"order\",\"products\"} bundle)");
    }

    private static void Header(MapReport report, BigCommerceOrderHeader header, MapContext context)
    {
        var entry = report.Add($"bigcommerce order {header.Id}");
        entry.Parsed = header;
        entry.Readiness = BigCommerceStatuses.ReadinessOf(header.StatusId);
        // No totals block: without lines there is nothing to reconcile yet; the header's own arithmetic is in the notes.
        entry.Fetch = new FetchPlan("bigcommerce", $"order {header.Id}", [$"GET /v2/orders/{header.Id}/products", $"GET /v2/orders/{header.Id}/shipping_addresses"],
            "The lines and shipping method; with them a ChannelOrder and, when its status allows, a Sales Order keyed BIGCOMMERCE-" + header.Id + ".");
        entry.Outcome = "A header without lines: the engine fetches the rest (pass --products to see the Sales Order).";
        entry.Notes.AddRange(header.Inconsistencies().Select(i => $"Header figures disagree: {i}."));
        entry.Notes.Add(header.TaxInclusivePricing
            ? "is_tax_inclusive_pricing: the inc-tax figures are authoritative."
            : "is_tax_inclusive_pricing is false: the ex-tax figures are authoritative.");
        if (header.BillingAddress is { } billTo)
            DryRuns.Address(entry, "bill-to", billTo, context, $"Order bigcommerce:{header.Id}, bill-to address", header.Buyer?.DisplayName);
    }

    private static void Sitoo(string json, MapReport report, MapContext context)
    {
        var root = PayloadNode.Parse(json, SitooOrderParser.Channel);
        if (SitooOrderParser.IsOrderWrite(root))
        {
            var write = SitooOrderParser.ParseOrderWrite(json);
            report.RecognisedAs = "sitoo order write (POST body)";
            var entry = report.Add("sitoo order write");
            entry.Parsed = write;
            entry.Readiness = new OrderReadiness(OrderAction.Ignore, "a request body sent to Sitoo, not an order read from it");
            entry.Totals = new OrderTotals(write.LinesNet, write.LinesTax, 0, 0, write.GrossTotal);
            entry.Outcome = "Nothing for SAP: the engine reads orders from Sitoo (with an orderid); shown to check how gross rows split into net and VAT.";
            return;
        }

        if (root.IsArray && root.Items().FirstOrDefault() is { IsObject: true } firstEvent && firstEvent.Has("event_type"))
        {
            report.RecognisedAs = "sitoo events";
            foreach (var e in root.Items())
                SitooEvent(report, e);
            return;
        }

        var kind = root.IsObject && root.Has("orderid") ? "orders" : SitooWarehouseParser.ListKind(root);
        switch (kind)
        {
            case "orders":
            {
                var records = SitooOrderParser.ParseOrders(json);
                report.RecognisedAs = records.Count == 1 && root.Has("orderid") ? "sitoo order" : $"sitoo order list ({records.Count})";
                foreach (var record in records)
                {
                    if (record.WebOrder is not null)
                    {
                        DryRuns.Order(report, record.WebOrder, context);
                    }
                    else if (record.Pos is not null)
                    {
                        DryRuns.Pos(report, record.Pos, context);
                    }
                    else
                    {
                        var entry = report.Add($"sitoo order {record.OrderId}");
                        entry.Exceptions.Add(record.Problem!);
                        entry.Outcome = "Parked in the exception queue; nothing is posted.";
                    }
                }

                return;
            }

            case "warehousetransactions":
            {
                var batch = SitooWarehouseParser.ParseTransactions(json);
                report.RecognisedAs = "sitoo warehouse transactions";
                DryRuns.Warehouse(report, batch.Movements, batch.Skipped, context, "sitoo");
                return;
            }

            case "warehouseitems":
            {
                var levels = SitooWarehouseParser.ParseWarehouseItems(json);
                report.RecognisedAs = $"sitoo warehouse items ({levels.Count})";
                var entry = report.Add("sitoo stock levels");
                entry.Parsed = levels;
                entry.Outcome = "Nothing for SAP: stock flows from SAP to Sitoo. The engine's reconciliation compares these levels with SAP's InStock − Committed in the mapped warehouses.";
                entry.Notes.Add("The list does not name its warehouse (it is in the request URL), so the dry run cannot compare it with SAP.");
                return;
            }

            case "products":
                report.RecognisedAs = "sitoo products";
                DryRuns.Products(report, SitooWarehouseParser.ParseProducts(json), context, "sitoo");
                return;
            default:
                throw root.Error("is not a Sitoo payload this command knows (order, order list, order POST body, warehouse transactions, warehouse items, products, events)");
        }
    }

    /// <summary>Sitoo's Events SPI sends light events (channels.md §3.6): fetch, then act.</summary>
    private static void SitooEvent(MapReport report, PayloadNode e)
    {
        var type = e.RequiredString("event_type");
        var id = e.Required("event_id").Id();
        var data = e.Required("data");
        var entry = report.Add($"sitoo event {type} ({id})");
        switch (type)
        {
            case "order":
            {
                var orderId = data.Required("order_id").Id();
                var site = data.Optional("eshop_id")?.Id() ?? "1";
                entry.Fetch = new FetchPlan("sitoo", $"order {orderId}", [$"GET /sites/{site}/orders/{orderId}.json"],
                    "A webshop order becomes a Sales Order; a till receipt an A/R invoice and payments (or a credit note and refund).");
                entry.Outcome = "Only ids: the engine fetches the order, then acts.";
                break;
            }

            case "warehouse-transaction":
                entry.Fetch = new FetchPlan("sitoo", "new warehouse transactions", ["GET /sites/1/warehousetransactions.json?warehousetransactionidfrom=<cursor>&sort=warehousetransactionid"],
                    "Warehouse movements, coalesced into goods receipts, issues and transfers.");
                entry.Outcome = "The engine reads transactions after its cursor.";
                break;
            default:
                entry.Outcome = $"Event type {type} has no SAP flow.";
                break;
        }

        entry.Notes.Add("Sitoo retries block its queue; the engine answers 200 at once, also for duplicates (event_id).");
    }

    private static string ReadFile(string path, string option) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new MapInputException($"{option} file '{path}' does not exist.");
}
