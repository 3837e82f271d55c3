using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Tests.Channels.Catalogue;

/// <summary>The BigCommerce and Magento emulators' catalog products: the vendors' limits and error bodies, and what they keep.</summary>
public class StoreCatalogueEmulatorSpecs
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task BigCommerce_creates_one_product_updates_at_most_ten_and_refuses_a_duplicate_name_with_409_and_a_missing_price_with_422()
    {
        await using var emulator = await BigCommerceEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.StoreRoot };
        http.DefaultRequestHeaders.Add("X-Auth-Token", emulator.AccessToken);

        var created = await Send(http, HttpMethod.Post, "v3/catalog/products", """{"name":"Smith Journal 13","type":"physical","weight":0.35,"price":24.99,"sku":"SM-13"}""");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var id = created.Body!["data"]!["id"]!.GetValue<long>();
        var duplicate = await Send(http, HttpMethod.Post, "v3/catalog/products", """{"name":"Smith Journal 13","type":"physical","weight":0.35,"price":19.99,"sku":"SM-14"}""");
        var noPrice = await Send(http, HttpMethod.Post, "v3/catalog/products", """{"name":"Smith Journal 14","type":"physical","weight":0.35,"sku":"SM-14"}""");
        var tooMany = await Send(http, HttpMethod.Put, "v3/catalog/products", new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode)new JsonObject { ["id"] = id }).ToArray()).ToJsonString());
        var hidden = await Send(http, HttpMethod.Put, "v3/catalog/products", $$"""[{"id":{{id}},"price":22.49,"is_visible":false}]""");
        var listed = await Send(http, HttpMethod.Get, "v3/catalog/products?sku:in=SM-13,SM-14&include_fields=sku,price");

        Assert.Equal((HttpStatusCode.Conflict, 409), (duplicate.Status, duplicate.Body!["status"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPrice.Status);
        Assert.NotNull(noPrice.Body!["errors"]!["price"]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.Status);
        Assert.Equal(HttpStatusCode.OK, hidden.Status);
        Assert.Equal(("Smith Journal 13", 22.49m, false), emulator.State.Catalogue.Product("SM-13"));
        Assert.Equal(1, listed.Body!["meta"]!["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(1, emulator.State.Catalogue.ProductCount);
    }

    [Fact]
    public async Task Magento_saves_a_product_by_sku_creating_it_when_new_and_answers_its_message_and_parameters_body()
    {
        await using var emulator = await MagentoEmulator.StartAsync(new MagentoEmulatorOptions { BearerEnabled = true });
        using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseAddress, "rest/default/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.State.Options.AccessToken);

        var missing = await Send(http, HttpMethod.Get, "V1/products/24-MB01");
        var created = await Send(http, HttpMethod.Put, "V1/products/24-MB01", """{"product":{"sku":"24-MB01","name":"Joust Duffle Bag","price":34,"status":1,"type_id":"simple","attribute_set_id":15}}""");
        var disabled = await Send(http, HttpMethod.Put, "V1/products/24-MB01", """{"product":{"status":2}}""");
        var noName = await Send(http, HttpMethod.Put, "V1/products/24-MB02", """{"product":{"price":59,"attribute_set_id":15}}""");

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created.Status, disabled.Status));
        Assert.Equal(("Joust Duffle Bag", 34m, 2), emulator.State.Catalogue.Product("24-MB01"));
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.Equal("name", noName.Body!["parameters"]![0]!.GetValue<string>());
        Assert.Contains("%1", noName.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, emulator.State.Catalogue.ProductCount);
    }
}
