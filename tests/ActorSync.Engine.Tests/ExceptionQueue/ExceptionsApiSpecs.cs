using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Engine.Api;
using ActorSync.Engine.Hosting;
using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Api;
using ActorSync.Host.Demo;
using Microsoft.Extensions.DependencyInjection;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;

namespace ActorSync.Engine.Tests.ExceptionQueue;

/// <summary>
/// The ops API over the whole engine (the production <c>AddActorSyncEngine</c> and <c>MapOpsApi</c>, SQLite journal)
/// against the Service Layer emulator: operators list, ignore, resolve and retry, and the queue survives a restart.
/// </summary>
public class ExceptionsApiSpecs : IAsyncLifetime
{
    private const int Items = 400;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ServiceLayerEmulator _sap = null!;

    public async Task InitializeAsync() =>
        _sap = await ServiceLayerEmulator.StartAsync(new ServiceLayerEmulatorOptions { Company = new CompanySpec { Items = Items } });

    public async Task DisposeAsync() => await _sap.DisposeAsync();

    [Fact]
    public async Task Operators_list_ignore_only_with_a_reason_resolve_and_retry_and_the_queue_survives_a_restart()
    {
        var settings = EngineTestHost.DefaultSettings(_sap, TestDatabases.NewSqlite());
        settings.MasterData.Enabled = false; // SAP itself rejects the inactive item here; the queue's API is under test
        var inactive = _sap.Company.FirstItems(ItemKind.Inactive, 1).Single().ItemCode;
        var sample = new DemoOrderGenerator(Items).Generate(1).Single();
        var line = sample.Lines[0] with { Sku = inactive };
        var order = sample with { ExternalId = "EXQ-1", Lines = [line], TotalPaid = line.NetTotal + line.TaxAmount + sample.ShippingAmount + sample.ShippingTax };
        var orderId = order.Key.EntityId;

        await using (var service = await OpsTestHost.StartAsync(settings))
        {
            // The order parks: SAP rejects the inactive item. Its entity reports to the queue; the same report sent
            // again by hand must count as a repeat, not a new exception.
            Assert.Equal(HttpStatusCode.Accepted, (await service.Http.PostAsJsonAsync("/api/orders", order)).StatusCode);
            await Eventually.HoldsAsync(async () =>
            {
                var state = await service.Engine.GetOrderAsync(orderId);
                return (state.Status == OrderStatus.Quarantined, state.Status.ToString());
            }, Patience, "the order to park");
            var parked = await service.Engine.GetOrderAsync(orderId);
            var at = DateTimeOffset.UtcNow;
            await service.Queue.RaiseAsync(new RaiseException(RecordKinds.Order, orderId, parked.Exception!, JsonSerializer.Serialize(order), at));
            await service.Queue.RaiseAsync(new RaiseException(RecordKinds.Order, "magento:7", ExceptionTypes.UnmappedTax("No VAT group for 7 %"), "{}", at));
            await service.Queue.RaiseAsync(new RaiseException("refund", "magento:R-1", ExceptionTypes.UnmappedShipping("drone"), "{}", at));
            await Eventually.HoldsAsync(async () =>
            {
                var count = (await service.Queue.ListAsync()).Count;
                return (count == 3, $"{count} exceptions");
            }, Patience, "three exceptions");

            var open = await service.GetJson("/api/exceptions?status=open");
            var integration = await service.GetJson("/api/exceptions?status=open&team=integration&kind=order");
            var refunds = await service.GetJson("/api/exceptions?kind=refund&type=unmapped-shipping");
            var badTeam = await service.Http.GetAsync("/api/exceptions?team=sales");
            var orderEx = Single(integration);
            var taxEx = Single(await service.GetJson("/api/exceptions?team=finance"));
            var refundEx = Single(refunds);

            Assert.Equal(3, open.GetProperty("count").GetInt32());
            Assert.Equal((orderId, "sap-rejected", "open"), (orderEx.GetProperty("recordId").GetString(),
                orderEx.GetProperty("type").GetString(), orderEx.GetProperty("status").GetString()));
            Assert.Contains("EXQ-1", orderEx.GetProperty("originalPayload").GetString());
            Assert.False(string.IsNullOrEmpty(orderEx.GetProperty("suggestedAction").GetString()));
            Assert.Equal(HttpStatusCode.BadRequest, badTeam.StatusCode);
            Assert.Contains("customer-service", await badTeam.Content.ReadAsStringAsync());

            // Ignore needs a reason.
            var refundId = refundEx.GetProperty("id").GetString()!;
            var noReason = await service.Http.PostAsJsonAsync($"/api/exceptions/{refundId}/ignore", new { });
            var blankReason = await service.Http.PostAsJsonAsync($"/api/exceptions/{refundId}/ignore", new { reason = " " });
            var ignored = await service.Http.PostAsJsonAsync($"/api/exceptions/{refundId}/ignore", new { reason = "Refund test from the shop owner" });
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("reason is required", await noReason.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.BadRequest, blankReason.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);

            // Resolve with a note; then it is closed for good.
            var taxId = taxEx.GetProperty("id").GetString()!;
            var resolved = await service.Http.PostAsJsonAsync($"/api/exceptions/{taxId}/resolve", new { note = "Posted by hand in SAP" });
            var again = await service.Http.PostAsJsonAsync($"/api/exceptions/{taxId}/resolve", new { note = "twice" });
            var unknown = await service.Http.PostAsJsonAsync("/api/exceptions/ex-999/resolve", new { note = "?" });
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var taxNow = await service.GetJson($"/api/exceptions/{taxId}");
            Assert.Equal(("resolved", "Posted by hand in SAP"), (taxNow.GetProperty("status").GetString(), taxNow.GetProperty("note").GetString()));

            // Fix the master data, retry through the queue: the order's own entity posts it, once.
            await ActivateItem(inactive);
            var orderExId = orderEx.GetProperty("id").GetString()!;
            var retry = await service.Http.PostAsync($"/api/exceptions/{orderExId}/retry", null);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal("retrying", (await service.GetJson($"/api/exceptions/{orderExId}")).GetProperty("status").GetString());
            await Eventually.HoldsAsync(async () =>
            {
                var state = await service.Engine.GetOrderAsync(orderId);
                return (state.Status == OrderStatus.Posted, state.Status.ToString());
            }, Patience, "the retried order to post");
            await service.Queue.RecordSucceededAsync(new RecordSucceeded(RecordKinds.Order, orderId, DateTimeOffset.UtcNow));
            await Eventually.HoldsAsync(async () =>
            {
                var status = (await service.GetJson($"/api/exceptions/{orderExId}")).GetProperty("status").GetString();
                return (status == "resolved", status ?? "");
            }, Patience, "the order's exception to resolve by itself");
            Assert.Single(_sap.Company.Orders, d => d.NumAtCard == order.Key.NumAtCard);
            Assert.Equal(0, (await service.GetJson("/api/exceptions?status=open")).GetProperty("count").GetInt32());
        }

        await using (var restarted = await OpsTestHost.StartAsync(settings))
        {
            var all = await restarted.GetJson("/api/exceptions");
            var statuses = all.GetProperty("items").EnumerateArray()
                .Select(e => (e.GetProperty("recordId").GetString(), e.GetProperty("status").GetString(), e.GetProperty("note").GetString()))
                .OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();

            Assert.Equal([
                ("magento:7", "resolved", "Posted by hand in SAP"),
                (orderId, "resolved", ExceptionQueueDecisions.ResolvedByRetryNote),
                ("magento:R-1", "ignored", "Refund test from the shop owner"),
            ], statuses);
        }
    }

    private static JsonElement Single(JsonElement list)
    {
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        return list.GetProperty("items")[0];
    }

    private async Task ActivateItem(string itemCode)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = _sap.ServiceRootV1 };
        var login = await http.PostAsync("Login",
            new StringContent("""{"CompanyDB":"SBODEMO","UserName":"manager","Password":"manager"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(login.IsSuccessStatusCode, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var session = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("SessionId").GetString();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"Items('{itemCode}')") { Content = new StringContent("""{"Valid":"tYES"}""", System.Text.Encoding.UTF8, "application/json") };
        patch.Headers.Add("Cookie", $"B1SESSION={session}");
        (await http.SendAsync(patch)).EnsureSuccessStatusCode();
    }
}
