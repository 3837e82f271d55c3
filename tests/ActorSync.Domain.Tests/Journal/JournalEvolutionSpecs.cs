using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using ActorSync.Domain.Journal;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Tests.Journal;

/// <summary>
/// How the format evolves, on a small contract of its own: a field added or removed needs nothing, a field renamed
/// needs the next version and an upcaster, a retired event type an upcaster into the type that replaced it.
/// </summary>
public class JournalEvolutionSpecs
{
    // What a release writes today: "parcel.weighed.v2" renamed Grams to Weight (v1 is upcast); "parcel.lost.v1" was
    // retired in favour of "parcel.written-off.v1".
    public sealed record ParcelWeighed(string ParcelId, decimal Weight, string? Scale = null, int Attempts = 1) : IJournaled;
    public sealed record ParcelWrittenOff(string ParcelId, string Reason, decimal Value) : IJournaled;

    private static readonly JournalContract Parcels = new("parcels",
        [("parcel.weighed.v2", typeof(ParcelWeighed)), ("parcel.written-off.v1", typeof(ParcelWrittenOff))],
        [
            new Upcaster("parcel.weighed.v1", "parcel.weighed.v2", json =>
            {
                json["Weight"] = json["Grams"]?.DeepClone();
                json.Remove("Grams");
                return json;
            }),
            new Upcaster("parcel.lost.v1", "parcel.written-off.v1", json => new JsonObject
            {
                ["ParcelId"] = json["ParcelId"]?.DeepClone(), ["Reason"] = "lost in transit", ["Value"] = json["InsuredValue"]?.DeepClone(),
            }),
        ]);

    private static object Read(string manifest, string json) => JournalCodec.Read(Parcels, manifest, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_field_added_later_reads_as_its_default_from_entries_written_before_it()
    {
        var read = Read("parcel.weighed.v2", """{"ParcelId":"P-1","Weight":1.375}""");

        Assert.Equal(new ParcelWeighed("P-1", 1.375m), read);
        Assert.Equal(1, ((ParcelWeighed)read).Attempts); // the declared default, not 0
    }

    [Fact]
    public void A_field_removed_later_is_skipped_in_entries_that_still_carry_it()
    {
        var read = Read("parcel.weighed.v2", """{"ParcelId":"P-1","Weight":1.375,"Carrier":"DHL","Legs":[1,2]}""");

        Assert.Equal(new ParcelWeighed("P-1", 1.375m), read);
    }

    [Fact]
    public void A_renamed_field_is_carried_over_by_the_upcaster_of_the_old_version()
    {
        var read = Read("parcel.weighed.v1", """{"ParcelId":"P-2","Grams":2.05,"Scale":"S-3"}""");

        Assert.Equal(new ParcelWeighed("P-2", 2.05m, "S-3"), read);
    }

    [Fact]
    public void A_retired_event_type_is_read_as_the_type_that_replaced_it()
    {
        var read = Read("parcel.lost.v1", """{"ParcelId":"P-3","InsuredValue":49.99}""");

        Assert.Equal(new ParcelWrittenOff("P-3", "lost in transit", 49.99m), read);
    }

    [Fact]
    public void Deflated_and_plain_payloads_read_the_same()
    {
        var big = new ParcelWeighed("P-" + new string('9', 400), 0.001m, "scale with a long name", 3);
        var (manifest, bytes) = JournalCodec.Write(Parcels, big);

        Assert.Equal(JournalCodec.Deflated, bytes[0]);
        Assert.True(bytes.Length < JournalCodec.Text(Parcels, bytes).Length / 2, "deflated");
        Assert.Equal(big, JournalCodec.Read(Parcels, manifest, bytes));
        Assert.Equal(big, JournalCodec.Read(Parcels, manifest, Encoding.UTF8.GetBytes(JournalCodec.Text(Parcels, bytes))));
    }

    private const string ParcelWords = """{"ParcelId":"P-","Weight":,"Scale":"S-","Attempts":}""";

    private static JournalContract ParcelsWith(params string[] dictionaries) =>
        new("parcels", [("parcel.weighed.v2", typeof(ParcelWeighed))], dictionaries: dictionaries);

    [Fact]
    public void A_payload_compressed_with_the_areas_dictionary_is_smaller_than_plain_deflate_and_reads_back()
    {
        var parcel = new ParcelWeighed("P-20261127-000042", 1.375m, "S-3 warehouse scale", 2);
        var (manifest, withDictionary) = JournalCodec.Write(ParcelsWith(ParcelWords), parcel);
        var (_, plain) = JournalCodec.Write(Parcels, parcel);

        Assert.Equal(JournalCodec.DeflatedWithDictionary, withDictionary[0]);
        Assert.True(withDictionary.Length < plain.Length, $"{withDictionary.Length} bytes with the dictionary, {plain.Length} without");
        Assert.Equal(parcel, JournalCodec.Read(ParcelsWith(ParcelWords), manifest, withDictionary));
    }

    [Fact]
    public void A_contract_that_gains_a_newer_dictionary_still_reads_what_the_older_one_wrote()
    {
        var parcel = new ParcelWeighed("P-20261127-000043", 0.25m, "S-1 counter scale", 1);
        var (manifest, old) = JournalCodec.Write(ParcelsWith(ParcelWords), parcel);
        var later = ParcelsWith(ParcelWords, ParcelWords + """{"ParcelId":"P-2026","Scale":"S-1 counter scale"}""");

        Assert.Equal(parcel, JournalCodec.Read(later, manifest, old));
        Assert.NotEqual(old, JournalCodec.Write(later, parcel).Bytes); // new entries use the newer dictionary
    }

    [Fact]
    public void A_payload_whose_dictionary_the_contract_lacks_is_refused_naming_it()
    {
        var (manifest, bytes) = JournalCodec.Write(ParcelsWith(ParcelWords), new ParcelWeighed("P-20261127-000044", 3m, "S-2 pallet scale", 1));

        var error = Assert.Throws<JournalFormatException>(() => JournalCodec.Read(ParcelsWith("""{"Other":"words"}"""), manifest, bytes));

        Assert.Contains("dictionary", error.Message);
    }

    [Fact]
    public void What_reads_back_the_same_is_left_out_and_everything_else_is_written()
    {
        var text = JournalCodec.Text(Parcels, JournalCodec.Write(Parcels, new ParcelWeighed("P-4", 0m, null, 1)).Bytes);
        var other = JournalCodec.Text(Parcels, JournalCodec.Write(Parcels, new ParcelWeighed("P-4", 0.5m, "S-1", 0)).Bytes);

        Assert.Equal("""{"ParcelId":"P-4"}""", text);
        Assert.Equal("""{"ParcelId":"P-4","Weight":0.5,"Scale":"S-1","Attempts":0}""", other);
    }

    [Fact]
    public void Computed_properties_and_clr_type_names_never_reach_the_journal()
    {
        var order = new ChannelOrder("magento", "7", new DateOnly(2026, 11, 27), "EUR", new CustomerRef(null, null, true),
            [new OrderLine("A", 3, 0.33m, 0.2m, 20m)], 0m, 0m, 1.19m);
        var text = JournalCodec.Text(OrderJournal.Contract, JournalCodec.Write(OrderJournal.Contract, new OrderEvents.OrderReceived("magento:7", order, "F", DateTimeOffset.UnixEpoch)).Bytes);

        Assert.DoesNotContain("NetTotal", text); // OrderLine's computed net
        Assert.DoesNotContain("NumAtCard", text); // OrderKey's
        Assert.DoesNotContain("$type", text);
        Assert.DoesNotContain("ActorSync", text);
        Assert.Contains("\"UnitPrice\":0.33", text);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_its_name_and_area()
    {
        var error = Assert.Throws<JournalFormatException>(() => Read("parcel.stolen.v1", "{}"));

        Assert.Contains("parcel.stolen.v1", error.Message);
        Assert.Contains("parcels", error.Message);
    }

    [Fact]
    public void A_payload_that_is_not_its_type_is_refused_naming_the_manifest_and_type()
    {
        var error = Assert.Throws<JournalFormatException>(() => Read("parcel.weighed.v2", """{"ParcelId":"P-5","Weight":"heavy"}"""));

        Assert.Contains("parcel.weighed.v2", error.Message);
        Assert.Contains(nameof(ParcelWeighed), error.Message);
    }

    [Fact]
    public void A_type_without_a_manifest_cannot_be_written()
    {
        var error = Assert.Throws<JournalFormatException>(() => JournalCodec.Write(Parcels, new OrderEvents.OrderCancelled("x", DateTimeOffset.UnixEpoch)));

        Assert.Contains(nameof(OrderEvents.OrderCancelled), error.Message);
    }

    [Theory]
    [InlineData("Parcel.Weighed.v1")]
    [InlineData("parcel.weighed")]
    [InlineData("parcel.weighed.v0")]
    [InlineData("ActorSync.Domain.Orders.OrderEvents+OrderReceived, ActorSync.Domain")]
    public void A_contract_refuses_manifests_that_are_not_short_versioned_names(string manifest)
    {
        Assert.Throws<ArgumentException>(() => new JournalContract("bad", [(manifest, typeof(ParcelWeighed))]));
    }

    [Fact]
    public void A_contract_refuses_an_upcaster_that_leads_nowhere()
    {
        Assert.Throws<ArgumentException>(() => new JournalContract("bad", [("parcel.weighed.v2", typeof(ParcelWeighed))],
            [new Upcaster("parcel.weighed.v1", "parcel.weighed.v3", j => j)]));
    }

    [Fact]
    public void Immutable_collections_and_dictionaries_round_trip()
    {
        var state = new Stock.StockPositionState
        {
            StockId = "01:A", InStock = 2.5m, Published = ImmutableDictionary<string, decimal>.Empty.Add("magento:default", 1.25m).Add("sitoo:1", 0m),
        };
        var (manifest, bytes) = JournalCodec.Write(Stock.StockJournal.Contract, state);
        var read = (Stock.StockPositionState)JournalCodec.Read(Stock.StockJournal.Contract, manifest, bytes);

        Assert.Equal(state.Published.OrderBy(p => p.Key), read.Published.OrderBy(p => p.Key));
        Assert.Equal(2.5m, read.InStock);
    }
}
