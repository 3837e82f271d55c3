using System.Globalization;
using System.Text;
using ActorSync.Channels.Webhooks;

namespace ActorSync.Channels.Tests.Webhooks;

/// <summary>
/// The two checks a webhook passes: the custom header the hook was registered with, and a Standard Webhooks signature
/// (HMAC-SHA256 of "id.timestamp.body", <c>whsec_</c> secret, ±5 minutes). Both compare with
/// <c>CryptographicOperations.FixedTimeEquals</c>; the reasons name headers, never what was sent.
/// </summary>
public class WebhookSignatureSpecs
{
    private const string Secret = "4f1c7d0e9a2b3c4d5e6f708192a3b4c5";
    private const string Header = "X-ActorSync-Secret";
    private static readonly string Whsec = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("a-32-byte-key-for-hmac-sha256!!!"));
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(Fixtures.Read("bigcommerce/store_order_created.json"));

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void The_custom_header_with_the_registered_value_is_verified()
    {
        Assert.True(SharedSecretHeader.Verify(Secret, Secret, Header).Valid);
    }

    [Fact]
    public void A_wrong_or_missing_custom_header_is_refused_without_echoing_it()
    {
        var wrong = SharedSecretHeader.Verify("4f1c7d0e9a2b3c4d5e6f708192a3b4c6", Secret, Header);
        var shorter = SharedSecretHeader.Verify("4f1c", Secret, Header);
        var missing = SharedSecretHeader.Verify(null, Secret, Header);

        Assert.False(wrong.Valid);
        Assert.False(shorter.Valid);
        Assert.Equal("header X-ActorSync-Secret is missing", missing.Reason);
        Assert.DoesNotContain("4f1c", wrong.Reason + shorter.Reason);
    }

    [Fact]
    public void A_delivery_signed_with_the_secret_within_five_minutes_is_verified()
    {
        var ts = Ts(Now.AddMinutes(-4));
        var signature = StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", ts, Body);

        Assert.True(StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, signature, Body, Now).Valid);
        // During a key rotation several signatures come space-separated; one match is enough.
        Assert.True(StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, "v1,bm90IGl0 " + signature, Body, Now).Valid);
    }

    [Fact]
    public void A_signature_over_another_body_id_or_secret_is_refused()
    {
        var ts = Ts(Now);
        var signature = StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", ts, Body);
        var otherSecret = "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another-32-byte-key-for-hmac!!!!"));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("250", "251"));

        Assert.False(StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, signature, tampered, Now).Valid);
        Assert.False(StandardWebhooks.Verify(Whsec, "msg_other", ts, signature, Body, Now).Valid);
        Assert.False(StandardWebhooks.Verify(otherSecret, "msg_2Kq1", ts, signature, Body, Now).Valid);
        Assert.False(StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, "v2," + signature[3..], Body, Now).Valid);
    }

    [Fact]
    public void Missing_signature_headers_are_refused()
    {
        var verdict = StandardWebhooks.Verify(Whsec, "msg_2Kq1", Ts(Now), null, Body, Now);

        Assert.False(verdict.Valid);
        Assert.Contains("webhook-signature", verdict.Reason);
        Assert.False(StandardWebhooks.Verify(Whsec, null, Ts(Now), "v1,x", Body, Now).Valid);
    }

    [Fact]
    public void A_stale_or_future_timestamp_is_refused_even_when_correctly_signed()
    {
        foreach (var at in new[] { Now.AddMinutes(-6), Now.AddMinutes(6) })
        {
            var ts = Ts(at);
            var verdict = StandardWebhooks.Verify(Whsec, "msg_2Kq1", ts, StandardWebhooks.SignatureOf(Whsec, "msg_2Kq1", ts, Body), Body, Now);

            Assert.False(verdict.Valid);
            Assert.Contains("outside ±5 minutes", verdict.Reason);
        }
    }

    [Fact]
    public void Only_a_whsec_base64_key_of_at_least_16_bytes_is_a_secret()
    {
        Assert.NotNull(StandardWebhooks.KeyOf(Whsec));
        Assert.Null(StandardWebhooks.KeyOf("whsec_not base64!"));
        Assert.Null(StandardWebhooks.KeyOf("whsec_" + Convert.ToBase64String(new byte[8])));
    }

    [Fact]
    public void The_comparisons_are_constant_time()
    {
        var source = File.ReadAllText(Path.Combine(FindSource(), "src", "ActorSync.Channels", "Webhooks", "WebhookSignatures.cs"));

        Assert.True(source.Split("CryptographicOperations.FixedTimeEquals(").Length - 1 >= 2, "the header and the signature are both compared with FixedTimeEquals");
        Assert.DoesNotContain("SequenceEqual", source);
    }

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "ActorSync.Channels"))) return dir.FullName;
        throw new DirectoryNotFoundException("src/ActorSync.Channels");
    }
}
