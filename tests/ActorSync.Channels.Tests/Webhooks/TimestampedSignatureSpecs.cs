using System.Globalization;
using System.Text;
using ActorSync.Channels.Webhooks;

namespace ActorSync.Channels.Tests.Webhooks;

/// <summary>
/// The warehouse webhooks' signature: <c>X-ActorSync-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>
/// with <c>X-ActorSync-Timestamp</c> inside a replay window either way, two secrets during a rotation.
/// </summary>
public class TimestampedSignatureSpecs
{
    private const string Current = "5f0c2e7d9a1b3c4d5e6f708192a3b4c5";
    private const string Previous = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d";
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 9, 2, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"sourceEventId":"EVT-1","kind":"GoodsReceived","occurredAt":"2030-01-15T09:01:00Z","warehouse":"MAN1","lines":[{"sku":"ITM00001","quantity":12.5}]}""");

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static WebhookVerdict Verify(string signedWith, DateTimeOffset signedAt, byte[]? body = null, params string?[] secrets) =>
        TimestampedSignature.Verify(secrets.Length == 0 ? [Current] : secrets, Ts(signedAt), TimestampedSignature.SignatureOf(signedWith, Ts(signedAt), Body), body ?? Body, Now);

    [Fact]
    public void A_delivery_signed_with_the_secret_just_now_is_verified()
    {
        Assert.True(Verify(Current, Now.AddSeconds(-3)).Valid);
        // The documented recipe: openssl's hex HMAC of "timestamp.body" with the secret.
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Current),
            Encoding.UTF8.GetBytes(Ts(Now) + "." + Encoding.UTF8.GetString(Body))));
        Assert.Equal("sha256=" + expected, TimestampedSignature.SignatureOf(Current, Ts(Now), Body));
    }

    [Fact]
    public void A_wrong_secret_or_a_changed_body_is_refused_without_naming_either()
    {
        var wrong = Verify("ffffffffffffffffffffffffffffffff", Now);
        var changed = Verify(Current, Now, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("12.5", "125")));
        Assert.False(wrong.Valid);
        Assert.False(changed.Valid);
        Assert.Equal("header X-ActorSync-Signature matches no configured secret", wrong.Reason);
        Assert.DoesNotContain(Current, wrong.Reason + changed.Reason);
    }

    [Fact]
    public void Missing_headers_are_refused_naming_the_header()
    {
        Assert.Equal("header X-ActorSync-Timestamp is missing", TimestampedSignature.Verify([Current], null, "sha256=00", Body, Now).Reason);
        Assert.Equal("header X-ActorSync-Signature is missing", TimestampedSignature.Verify([Current], Ts(Now), null, Body, Now).Reason);
        Assert.Contains("not sha256=", TimestampedSignature.Verify([Current], Ts(Now), "v1,abc", Body, Now).Reason);
        Assert.Contains("not a unix time", TimestampedSignature.Verify([Current], "yesterday", "sha256=00", Body, Now).Reason);
    }

    [Fact]
    public void A_stale_delivery_is_refused_even_when_correctly_signed()
    {
        var stale = Verify(Current, Now.AddMinutes(-5).AddSeconds(-1));
        Assert.False(stale.Valid);
        Assert.Contains("old, beyond the 300 s replay window", stale.Reason);
        Assert.True(Verify(Current, Now.AddMinutes(-4).AddSeconds(-59)).Valid);
    }

    [Fact]
    public void A_timestamp_in_the_future_beyond_the_window_is_refused()
    {
        var future = Verify(Current, Now.AddMinutes(6));
        Assert.False(future.Valid);
        Assert.Contains("in the future", future.Reason);
        Assert.True(Verify(Current, Now.AddMinutes(4)).Valid); // a sender's clock a little ahead
    }

    [Fact]
    public void During_a_rotation_both_the_new_and_the_previous_secret_are_accepted_and_a_third_is_not()
    {
        Assert.True(Verify(Current, Now, null, Current, Previous).Valid);
        Assert.True(Verify(Previous, Now, null, Current, Previous).Valid);
        Assert.False(Verify("1111111111111111111111111111111a", Now, null, Current, Previous).Valid);
        Assert.False(Verify(Previous, Now, null, Current, null).Valid); // rotation over: the old one is refused
    }
}
