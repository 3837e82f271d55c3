using System.Text.Json.Nodes;
using ActorSync.Channels.Wms;

namespace ActorSync.Channels.Tests.Wms;

/// <summary>
/// Mintsoft's Connect-action bodies into canonical events. NOT captured payloads: there is no Mintsoft fixture, so
/// these are assembled from the documentation cited in <see cref="MintsoftParser"/> (Mintsoft's swagger models
/// <c>Toolkit.DataClasses.Orders.Order</c>/<c>OrderItem</c> and <c>Toolkit.DataClasses.Stock.ASN</c>/<c>ASNItem</c>,
/// and the support articles saying the webhook posts the <c>GET /api/Order/{id}</c> and <c>GET ASN</c> JSON).
/// </summary>
public class MintsoftSpecs
{
    private static readonly MintsoftOptions Options = new(new Dictionary<int, string> { [3] = "bigcommerce" }, "magento");

    /// <summary>Assembled from the cited documentation (field names and types), values invented.</summary>
    private const string DespatchedOrder = """
        {"ID":20285,"ClientId":12,"CLIENT_CODE":"ACME","OrderNumber":"000000003","ExternalOrderReference":"000000003",
         "OrderDate":"2030-01-14T16:41:07.317","DespatchDate":"2030-07-15T10:02:33.12","RequiredDespatchDate":null,
         "FirstName":"Veronica","LastName":"Costello","Address1":"6146 Honey Bluff Parkway","Town":"Calder","PostCode":"49628-7978","CountryId":230,
         "OrderStatusId":6,"NumberOfParcels":2,"TotalItems":3,"TotalWeight":1.35,"OrderValue":44.87,"Part":1,"NumberOfParts":1,
         "CourierServiceTypeId":4,"CourierServiceId":41,"CourierServiceName":"DPD Next Day","TrackingNumber":"15501234567890, 15501234567891",
         "TrackingURL":"https://track.dpd.co.uk/parcels/15501234567890","ShippingTotalExVat":4.13,"ShippingTotalVat":0.83,"TotalVat":7.48,
         "WarehouseId":3,"WAREHOUSE_CODE":"MAN1","ChannelId":7,"CurrencyId":1,"DespatchedByUser":"picker3",
         "OrderItems":[
           {"ID":881,"OrderId":20285,"ProductId":5001,"SKU":"ITM00001","Quantity":2,"Allocated":2,"Price":14.99,"Vat":2.5,"TaxRate":20,"Details":null},
           {"ID":882,"OrderId":20285,"ProductId":5002,"SKU":"ITM00002","Quantity":1,"Allocated":1,"Price":9.99,"Vat":0.48,"TaxRate":5}],
         "LastUpdated":"2030-07-15T10:02:34.5","LastUpdatedByUser":"picker3"}
        """;

    /// <summary>Assembled from the cited documentation; note Mintsoft's own spelling QuantityReceieved.</summary>
    private const string BookedInAsn = """
        {"ID":4411,"CLIENTSHORTNAME":"ACME","POReference":"PO-3001","Supplier":"Widget Co","EstimatedDelivery":"2030-01-14T00:00:00",
         "BookedInDate":"2030-01-15T09:20:00","GoodsInType":"Pallet","Quantity":36,"ASNStatus":{"ID":4,"Name":"Booked In"},"ASNStatusId":4,"Shipped":false,
         "Items":[
           {"ID":9001,"ASNId":4411,"ProductId":5001,"SKU":"ITM00001","QuantityExpected":24,"QuantityReceieved":24,"QuantityBooked":23,"Complete":true},
           {"ID":9002,"ASNId":4411,"ProductId":5003,"SKU":"ITM00003","QuantityExpected":12,"QuantityReceieved":12,"QuantityBooked":12,"Complete":true},
           {"ID":9003,"ASNId":4411,"ProductId":5004,"SKU":"ITM00004","QuantityExpected":6,"QuantityReceieved":0,"QuantityBooked":0,"Complete":false}],
         "WarehouseId":3,"ClientId":12,"LastUpdated":"2030-01-15T09:20:05"}
        """;

    [Fact]
    public void A_despatched_order_becomes_a_dispatch_of_its_items_with_carrier_tracking_and_uk_time()
    {
        var e = MintsoftParser.Parse(DespatchedOrder, Options);
        Assert.Equal((WmsEventKind.DispatchConfirmed, "MS-ORDER-20285", "3", "magento:000000003"), (e.Kind, e.SourceEventId, e.Warehouse, e.ExternalRef));
        Assert.Equal([("ITM00001", 2m), ("ITM00002", 1m)], e.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal("DPD Next Day", e.Shipment!.Carrier);
        Assert.Equal(["15501234567890", "15501234567891"], e.Shipment.TrackingNumbers);
        Assert.Equal("https://track.dpd.co.uk/parcels/15501234567890", e.Shipment.TrackingUrl);
        // 10:02 in July is British Summer Time: 09:02 UTC.
        Assert.Equal(new DateTimeOffset(2030, 7, 15, 9, 2, 33, 120, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(("order-despatched:20285", "mintsoft.order-despatched"), MintsoftParser.InboxKeyOf(DespatchedOrder));
    }

    [Fact]
    public void The_orders_channel_comes_from_its_reference_then_its_channel_id_then_the_default()
    {
        var withPrefix = JsonNode.Parse(DespatchedOrder)!.AsObject();
        withPrefix["ExternalOrderReference"] = "Sitoo:7001";
        Assert.Equal("sitoo:7001", MintsoftParser.Parse(withPrefix.ToJsonString(), Options).ExternalRef);
        var mapped = JsonNode.Parse(DespatchedOrder)!.AsObject();
        mapped["ChannelId"] = 3;
        Assert.Equal("bigcommerce:000000003", MintsoftParser.Parse(mapped.ToJsonString(), Options).ExternalRef);
        var ex = Assert.Throws<ChannelPayloadException>(() => MintsoftParser.Parse(DespatchedOrder, Options with { DefaultChannel = null }));
        Assert.Equal("$.ChannelId", ex.Field);
    }

    [Fact]
    public void A_booked_in_asn_becomes_goods_received_of_what_was_booked_against_its_purchase_order()
    {
        var e = MintsoftParser.Parse(BookedInAsn, Options);
        Assert.Equal((WmsEventKind.GoodsReceived, "MS-ASN-4411", "3", "PO-3001"), (e.Kind, e.SourceEventId, e.Warehouse, e.ExternalRef));
        Assert.Equal([("ITM00001", 23m), ("ITM00003", 12m)], e.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 9, 20, 0, TimeSpan.Zero), e.OccurredAt); // GMT in January
        Assert.Equal("asn-booked-in:4411", MintsoftParser.InboxKeyOf(BookedInAsn).Key);
    }

    [Fact]
    public void Bad_mintsoft_fields_are_named_by_their_json_path()
    {
        string PathOf(Action<JsonObject> change)
        {
            var o = JsonNode.Parse(DespatchedOrder)!.AsObject();
            change(o);
            var field = Assert.Throws<ChannelPayloadException>(() => MintsoftParser.Parse(o.ToJsonString(), Options)).Field;
            return field.StartsWith('$') ? field : "$." + field;
        }
        Assert.Equal("$.OrderItems[1].Quantity", PathOf(o => o["OrderItems"]![1]!["Quantity"] = 0));
        Assert.Equal("$.OrderItems[0].SKU", PathOf(o => o["OrderItems"]![0]!.AsObject().Remove("SKU")));
        Assert.Equal("$.WarehouseId", PathOf(o => o.Remove("WarehouseId")));
        Assert.Equal("$.DespatchDate", PathOf(o => o["DespatchDate"] = "soon"));
        Assert.Equal("$.OrderItems", PathOf(o => o["OrderItems"] = new JsonArray()));
    }
}
