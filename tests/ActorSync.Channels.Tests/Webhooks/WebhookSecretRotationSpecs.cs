using System.Globalization;
using System.Text;
using ActorSync.Channels.Webhooks;

namespace ActorSync.Channels.Tests.Webhooks;

/// <summary>
/// Webhook checks at their edges: a shared header during a secret rotation, a Standard Webhooks timestamp exactly at
/// its tolerance, keys with and without their prefix, malformed signature lists, and the words of each refusal.
/// </summary>
public class WebhookSecretRotationSpecs
{
    private const string Header = "X-ActorSync-Secret";
    private const string Old = "4f1c7d0e9a2b3c4d5e6f708192a3b4c5";
    private const string New = "9b2e6a10c4d8f37e5a1b2c3d4e5f6071";
    private static readonly string KeyText = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-32-byte-key-for-hmac-sha256!!!"));
    private static readonly string Whsec = "whsec_" + KeyText;
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Fixtures.Read("bigcommerce/store_order_created.json"));

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void During_a_rotation_either_secret_is_verified_and_neither_is_echoed()
    {
        string?[] both = [Old, null, "", New];

        Assert.Equal(WebhookVerdict.Ok, SharedSecretHeader.Verify(Old, both, Header));
        Assert.Equal(WebhookVerdict.Ok, SharedSecretHeader.Verify(New, both, Header));
        Assert.Equal(WebhookVerdict.Refused("header X-ActorSync-Secret does not match"), SharedSecretHeader.Verify("0000" + New, both, Header));
        Assert.Equal(WebhookVerdict.Refused("header X-ActorSync-Secret is missing"), SharedSecretHeader.Verify("", both, Header));
        Assert.Equal(WebhookVerdict.Refused("header X-ActorSync-Secret does not match"), SharedSecretHeader.Verify(Old, [null, ""], Header));
        Assert.Equal(WebhookVerdict.Refused("header X-ActorSync-Secret does not match"), SharedSecretHeader.Verify("wrong", Old, Header));
        Assert.Equal((true, "verified"), (WebhookVerdict.Ok.Valid, WebhookVerdict.Ok.Reason));
    }

    [Fact]
    public void A_delivery_exactly_at_the_tolerance_is_verified_and_a_second_beyond_is_refused()
    {
        var atEdge = Now.AddMinutes(-5);
        var beyond = Now.AddMinutes(5).AddSeconds(1);

        Assert.True(StandardWebhooks.Verify(Whsec, "msg_2Kq1", Ts(atEdge), StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", Ts(atEdge), Body), Body, Now).Valid);
        Assert.Equal(WebhookVerdict.Refused("webhook-timestamp is -301 s from now, outside ±5 minutes"),
            StandardWebhooks.Verify(Whsec, "msg_2Kq1", Ts(beyond), StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", Ts(beyond), Body), Body, Now));
    }

    [Fact]
    public void Any_missing_header_or_a_timestamp_that_is_not_seconds_is_refused_in_words()
    {
        var ts = Ts(Now);
        var signature = StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", ts, Body);

        Assert.Equal(WebhookVerdict.Refused("webhook-id, webhook-timestamp or webhook-signature is missing"), StandardWebhooks.Verify(Whsec, "msg_2Kq1", "", signature, Body, Now));
        Assert.Equal(WebhookVerdict.Refused("webhook-timestamp is not a unix time in seconds"), StandardWebhooks.Verify(Whsec, "msg_2Kq1", "2026-12-02T10:00:00Z", signature, Body, Now));
    }

    [Fact]
    public void A_key_may_come_with_or_without_its_prefix_but_only_a_base64_key_of_16_bytes_or_more()
    {
        Assert.Equal(StandardWebhooks.KeyOf(Whsec), StandardWebhooks.KeyOf(KeyText));
        Assert.Equal(16, StandardWebhooks.KeyOf("whsec_" + Convert.ToBase64String(new byte[16]))!.Length);
        Assert.Null(StandardWebhooks.KeyOf("whsec_" + Convert.ToBase64String(new byte[15])));
        Assert.Equal("The Standard Webhooks secret is not a whsec_<base64> key.",
            Assert.Throws<InvalidOperationException>(() => StandardWebhooks.Verify("whsec_short", "msg_2Kq1", Ts(Now), "v1,x", Body, Now)).Message);
        Assert.StartsWith("not a whsec_ secret", Assert.Throws<ArgumentException>(() => StandardWebhooks.SignatureOf("whsec_short", "msg_2Kq1", Ts(Now), Body)).Message);
    }

    [Fact]
    public void Malformed_candidates_are_skipped_and_a_good_one_after_them_still_verifies()
    {
        var ts = Ts(Now);
        var signature = StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", ts, Body);
        var value = signature[3..];

        Assert.True(StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, $",{value} v1,!!notbase64 v1,{value[..^4]} {signature}", Body, Now).Valid);
        Assert.Equal(WebhookVerdict.Refused("no v1 signature in webhook-signature matches"),
            StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, $",{value} v1,!!notbase64 v1,{value[..^4]}", Body, Now));
    }

    [Fact]
    public void The_signed_content_is_the_id_the_timestamp_and_the_body()
    {
        var key = StandardWebhooks.KeyOf(Whsec)!;
        var expected = System.Security.Cryptography.HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("msg_2Kq1.1764669600." + Encoding.UTF8.GetString(Body)));

        Assert.Equal(expected, StandardWebhooks.Sign(key, "msg_2Kq1", "1764669600", Body));
    }
}
