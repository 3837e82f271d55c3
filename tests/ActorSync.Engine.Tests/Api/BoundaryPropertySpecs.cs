using System.Collections.Immutable;
using System.Text.Json;
using ActorSync.Domain.Boundary;
using ActorSync.Domain.Orders;
using ActorSync.Host.Api;
using CsCheck;

namespace ActorSync.Engine.Tests.Api;

/// <summary>The boundary check over generated records: it never throws, and a record it passes survives the API's JSON unchanged.</summary>
public class BoundaryPropertySpecs
{
    private static readonly Gen<string?> AnyText = Gen.OneOf<string?>(
        Gen.Const((string?)null), Gen.Const((string?)""), Gen.String.Select(s => (string?)s), Gen.Char.Array[0, 200].Select(c => (string?)new string(c)));

    private static readonly Gen<decimal> AnyAmount = Gen.OneOf(Gen.Decimal, Gen.Int[-1000, 100_000].Select(i => i / 100m), Gen.Const(decimal.MaxValue), Gen.Const(decimal.MinValue));

    private static readonly Gen<OrderLine?> AnyLine = Gen.Select(AnyText, AnyAmount, AnyAmount, AnyAmount, AnyAmount, AnyText)
        .Select((sku, q, p, t, r, w) => (OrderLine?)new OrderLine(sku!, q, p, t, r, w));

    private static readonly Gen<ChannelOrder> AnyOrder = Gen.Select(AnyText, AnyText, Gen.Date.Select(DateOnly.FromDateTime), AnyText,
            Gen.Select(AnyText, AnyText, Gen.Bool, AnyText).Select((e, c, g, n) => new CustomerRef(e, c, g, n)),
            Gen.OneOf(AnyLine, Gen.Const((OrderLine?)null)).Array[0, 5], Gen.Select(AnyAmount, AnyAmount, AnyAmount))
        .Select((channel, id, date, currency, customer, lines, money) =>
            new ChannelOrder(channel!, id!, date, currency!, customer, lines.ToImmutableList()!, money.Item1, money.Item2, money.Item3));

    private static readonly Gen<ChannelOrder> SoundOrder = Gen.Select(Gen.Int[1, 99_999_999], Gen.Int[1, 5], Gen.Int[1, 1_000_000], Gen.Int[0, 3], Gen.Bool)
        .Select((id, count, cents, rate, guest) =>
        {
            var taxRate = new[] { 0m, 7m, 19m, 20m }[rate];
            var lines = Enumerable.Range(0, count).Select(i => new OrderLine($"ITM{i:00000}", 1 + i, cents / 100m, Math.Round(cents / 100m * taxRate / 100m, 2), taxRate)).ToImmutableList();
            return new ChannelOrder("magento", $"10{id}", new DateOnly(2026, 11, 27), "EUR", new CustomerRef($"shopper{id}@example.com", guest ? null : $"{id}", guest, "Zoë Ünal"),
                lines, 4.95m, 0.99m, lines.Sum(l => l.NetTotal + l.TaxAmount) + 5.94m, "flatrate_flatrate");
        });

    [Fact]
    public void The_check_never_throws_whatever_the_record_holds() =>
        AnyOrder.Sample(order => { RecordChecks.Check(order); }, iter: 2_000);

    [Fact]
    public void A_sound_order_passes_and_survives_the_api_json_unchanged() =>
        SoundOrder.Sample(order =>
        {
            Assert.Empty(RecordChecks.Check(order));
            var again = JsonSerializer.Deserialize<ChannelOrder>(JsonSerializer.Serialize(order, OpsBody.Json), OpsBody.Json)!;
            Assert.Equal(order.Fingerprint(), again.Fingerprint());
            Assert.Empty(RecordChecks.Check(again));
        }, iter: 500);
}
