using ActorSync.Channels.Json;

namespace ActorSync.Channels.Tests.Payloads;

/// <summary>
/// The reader every parser uses: what it takes from each channel's shapes (numbers as strings, 0/1 flags, ids as
/// strings or numbers) and the words it refuses the rest with, at each value's edge.
/// </summary>
public class PayloadNodeSpecs
{
    private static PayloadNode Value(string json) => PayloadNode.Parse($$"""{"v":{{json}}}""", "sitoo").Required("v");

    private static string Refusal(Func<object> read)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => read());
        return $"{ex.Field} {ex.Problem}";
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void An_empty_payload_is_refused_at_the_root(string json)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => PayloadNode.Parse(json, "magento"));

        Assert.Equal(("magento", "$", "is empty"), (ex.Channel, ex.Field, ex.Problem));
    }

    [Theory]
    [InlineData("{\"a\":1,}", "is not valid JSON (line 1, position 8)")]
    [InlineData("{\n  \"a\": 1 // note\n}", "is not valid JSON (line 2, position 10)")]
    [InlineData("{\n  \"a\": [1,\n  2,]\n}", "is not valid JSON (line 3, position 5)")]
    public void Malformed_json_trailing_commas_and_comments_are_refused_with_line_and_position(string json, string problem)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => PayloadNode.Parse(json, "magento"));

        Assert.Equal(("$", problem), (ex.Field, ex.Problem));
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_described_as_it_was_sent()
    {
        Assert.Equal("v must be a string, was 12.50", Refusal(() => Value("12.50").String()));
        Assert.Equal("v must be an id (string or whole number), was true", Refusal(() => Value("true").Id()));
        Assert.Equal("v must be an id (string or whole number), was 12.5", Refusal(() => Value("12.5").Id()));
        Assert.Equal("v must be a non-empty id, was \"\"", Refusal(() => Value("\"\"").Id()));
        Assert.Equal("v must be an object, was an array", Refusal(() => Value("[]").RequireObject()));
        Assert.Equal("v must be an array, was an object", Refusal(() => Value("{}").Items()));
        Assert.Equal("v must be a number, was \"12,50\"", Refusal(() => Value("\"12,50\"").Decimal()));
        Assert.Equal("v must be a number, was true", Refusal(() => Value("true").Decimal()));
    }

    [Fact]
    public void A_string_is_described_whole_up_to_40_characters()
    {
        Assert.Equal($"\"{new string('x', 40)}\"", Value($"\"{new string('x', 40)}\"").Describe());
        Assert.Equal($"\"{new string('x', 40)}…\"", Value($"\"{new string('x', 41)}\"").Describe());
        Assert.Equal("null", PayloadNode.From(PayloadNode.Parse("""{"v":null}""", "sitoo").Element.GetProperty("v"), "v", "sitoo").Describe());
    }

    [Theory]
    [InlineData("100000000000000000000", "100000000000000000000")]
    [InlineData("-100000000000000000000", "-100000000000000000000")]
    [InlineData("\"0.000001\"", "0.000001")]
    [InlineData("-0.000001", "-0.000001")]
    [InlineData("0", "0")]
    public void Amounts_up_to_10_to_the_20_and_down_to_a_millionth_are_read(string json, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Value(json).Decimal());
    }

    [Theory]
    [InlineData("100000000000000000001", "v is 100000000000000000001, beyond any real amount or quantity")]
    [InlineData("0.0000009", "v is 0.0000009, smaller than any real amount or quantity")]
    [InlineData("-0.0000009", "v is -0.0000009, smaller than any real amount or quantity")]
    [InlineData("\"1e-7\"", "v is \"1e-7\", smaller than any real amount or quantity")]
    [InlineData("1e40", "v must be a number within decimal range, was 1e40")]
    public void Amounts_beyond_any_real_one_are_refused(string json, string refusal)
    {
        Assert.Equal(refusal, Refusal(() => Value(json).Decimal()));
    }

    [Theory]
    [InlineData("2147483647", 2147483647)]
    [InlineData("-2147483648", -2147483648)]
    [InlineData("\"42\"", 42)]
    public void Whole_numbers_are_read_to_the_ends_of_their_range(string json, int expected)
    {
        Assert.Equal(expected, Value(json).Int32());
        Assert.Equal(expected, Value(json).Int64());
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("2.5")]
    public void A_number_outside_a_whole_int_is_refused(string json)
    {
        Assert.Equal($"v must be a whole number, was {json}", Refusal(() => Value(json).Int32()));
    }

    [Theory]
    [InlineData("9223372036854775807", 9223372036854775807)]
    [InlineData("-9223372036854775808", -9223372036854775808)]
    public void Longs_are_read_to_the_ends_of_their_range(string json, long expected)
    {
        Assert.Equal(expected, Value(json).Int64());
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("7.25")]
    public void A_number_outside_a_whole_long_is_refused(string json)
    {
        Assert.Equal($"v must be a whole number, was {json}", Refusal(() => Value(json).Int64()));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("253402300799", 253402300799L)]
    public void Unix_times_are_read_from_1970_to_the_last_second_a_date_holds(string json, long seconds)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds), Value(json).UnixTime());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("253402300800")]
    public void A_unix_time_outside_what_a_date_holds_is_refused(string json)
    {
        Assert.Equal($"v must be a Unix time in seconds from 1970 on, was {json}", Refusal(() => Value(json).UnixTime()));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    public void Flags_are_booleans_or_magento_s_0_and_1(string json, bool expected)
    {
        Assert.Equal(expected, Value(json).Flag());
    }

    [Theory]
    [InlineData("2", "v must be true/false or 0/1, was 2")]
    [InlineData("1.5", "v must be true/false or 0/1, was 1.5")]
    [InlineData("\"yes\"", "v must be true/false or 0/1, was \"yes\"")]
    [InlineData("\"\"", "v must be true/false or 0/1, was \"\"")]
    public void Anything_else_is_not_a_flag(string json, string refusal)
    {
        Assert.Equal(refusal, Refusal(() => Value(json).Flag()));
    }
}
