using ActorSync.Host.Api;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Engine.Tests.Api;

/// <summary>Named ops tokens: each token's name is who the audit trail records; start-up checks name keys, never values.</summary>
public class NamedTokenSpecs
{
    private const string Alice = "alice-3f9a0c7e1b5d4e2a8c6b0d9f7e5a3c1b";
    private const string Finance = "finance-5b7d9f1a3c5e7a9b1d3f5a7c9e1b3d5";
    private const string Legacy = "op-7f3c9a1e5b2d4c6e8a0b1c2d3e4f5a6b";
    private const string LegacyRead = "ro-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d";

    /// <summary>Bound as the service binds it, from keys as the environment gives them (Ops__Operators__alice becomes Ops:Operators:alice).</summary>
    private static OpsAccessSettings Bind(params (string Key, string Value)[] keys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys.Select(k => KeyValuePair.Create(k.Key, (string?)k.Value))).Build();
        var settings = new OpsAccessSettings();
        configuration.GetSection(OpsAccessSettings.SectionName).Bind(settings);
        Assert.Empty(ConfigurationKeys.Unknown(configuration, OpsAccessSettings.SectionName, typeof(OpsAccessSettings)));
        return settings;
    }

    [Fact]
    public void Each_token_is_known_by_its_name_and_role_and_the_old_keys_are_operator_and_reader()
    {
        var settings = Bind(("Ops:Token", Legacy), ("Ops:ReadToken", LegacyRead), ("Ops:Operators:alice", Alice), ("Ops:Readers:finance", Finance));
        settings.Validate("http://0.0.0.0:5080");

        Assert.Equal(new OpsCaller("alice", OpsAccess.Role.Operator), OpsAccess.CallerFor(settings, "Bearer " + Alice));
        Assert.Equal(new OpsCaller("finance", OpsAccess.Role.Reader), OpsAccess.CallerFor(settings, "Bearer " + Finance));
        Assert.Equal(new OpsCaller("operator", OpsAccess.Role.Operator), OpsAccess.CallerFor(settings, "Bearer " + Legacy));
        Assert.Equal(new OpsCaller("reader", OpsAccess.Role.Reader), OpsAccess.CallerFor(settings, "bearer " + LegacyRead));
        Assert.Null(OpsAccess.CallerFor(settings, "Bearer " + Alice[..^1]));
        Assert.Null(OpsAccess.CallerFor(settings, null));
        Assert.Equal(new OpsCaller("local", OpsAccess.Role.Operator), OpsAccess.CallerFor(new OpsAccessSettings(), null));
    }

    [Fact]
    public void Named_operators_alone_are_enough_and_close_the_open_mode()
    {
        var settings = Bind(("Ops:Operators:alice", Alice));

        settings.Validate("http://0.0.0.0:5080");
        Assert.False(settings.IsOpen);
        Assert.Null(OpsAccess.CallerFor(settings, null));
    }

    [Theory]
    [InlineData("Ops:Operators:alice", "short-but-secret-17", null, null, "Ops:Operators:alice is shorter than 24 characters")]
    [InlineData("Ops:Readers:finance", Finance, null, null, "Ops:Readers:finance is set but Ops:Token is not")]
    [InlineData("Ops:Operators:alice", Alice, "Ops:Readers:finance", Alice, "Ops:Readers:finance equals Ops:Operators:alice")]
    [InlineData("Ops:Operators:alice", Alice, "Ops:Readers:alice", Finance, "Ops:Operators:alice and Ops:Readers:alice have the same name 'alice'")]
    [InlineData("Ops:Token", Legacy, "Ops:Operators:operator", Alice, "Ops:Token and Ops:Operators:operator have the same name 'operator'")]
    [InlineData("Ops:Operators:local", Alice, null, null, "Ops:Operators:local: the name 'local' is kept")]
    [InlineData("Ops:Operators:alice smith", Alice, null, null, "Ops:Operators:alice smith: a token's name is 1 to 64 letters")]
    [InlineData("Ops:Token", Legacy, "Ops:Readers:finance", Legacy, "Ops:Readers:finance equals Ops:Token")]
    public void A_weak_duplicate_or_ambiguous_token_stops_the_start_naming_the_keys_but_never_a_value(string key, string value, string? otherKey, string? otherValue, string expected)
    {
        var keys = otherKey is null ? new[] { (key, value) } : [(key, value), (otherKey, otherValue!)];
        var settings = Bind(keys);

        var error = Assert.Throws<ArgumentException>(() => settings.Validate("http://127.0.0.1:5080"));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(value, error.Message);
        if (otherValue is not null) Assert.DoesNotContain(otherValue, error.Message);
    }
}
