using ActorSync.Host.Api;
using ActorSync.Host.WebConsole;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Engine.Tests.WebConsole;

/// <summary>The console's two building blocks without a browser: markup that escapes every value, and sessions that end.</summary>
public class ConsoleMarkupSpecs
{
    [Fact]
    public void Every_value_put_into_markup_is_escaped_and_markup_made_the_same_way_is_not_escaped_twice()
    {
        var hostile = "<script>alert('x')</script>\"&";
        var cell = H($"<td title=\"{hostile}\">{hostile}</td>");
        var row = H($"<tr>{cell}{new[] { H($"<td>{1234.5m:0.00}</td>"), H($"<td>{(string?)null}</td>") }}</tr>");

        Assert.Equal("<tr><td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;</td><td>1234.50</td><td></td></tr>", row.Value);
    }

    [Fact]
    public void A_payload_is_indented_when_it_is_json_and_left_as_it_came_when_it_is_not()
    {
        Assert.Equal("{\n  \"name\": \"<b>Ä</b>\"\n}", ExceptionsPage.PrettyJson("{\"name\":\"\\u003Cb\\u003E\\u00C4\\u003C/b\\u003E\"}").ReplaceLineEndings("\n"));
        Assert.Equal("not json <b>", ExceptionsPage.PrettyJson("not json <b>"));
    }

    [Fact]
    public void A_session_has_an_opaque_id_and_its_own_anti_forgery_value_and_ends_after_its_idle_time_or_its_lifetime()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var sessions = new ConsoleSessions(time);
        var alice = sessions.Start(new OpsCaller("alice", OpsAccess.Role.Operator));
        var bob = sessions.Start(new OpsCaller("bob", OpsAccess.Role.Reader));

        Assert.NotEqual(alice.Id, bob.Id);
        Assert.DoesNotContain("alice", alice.Id);
        Assert.True(alice.IsAntiForgery(alice.AntiForgery));
        Assert.False(alice.IsAntiForgery(bob.AntiForgery));
        Assert.False(alice.IsAntiForgery(null));
        Assert.Equal((true, false), (alice.CanAct, bob.CanAct));

        time.Advance(ConsoleSessions.IdleTimeout - TimeSpan.FromMinutes(1));
        Assert.Same(alice, sessions.Find(alice.Id)); // alice is active, bob is not
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(sessions.Find(bob.Id));
        Assert.Same(alice, sessions.Find(alice.Id));
        for (var at = TimeSpan.Zero; at < ConsoleSessions.Lifetime; at += TimeSpan.FromMinutes(20))
        {
            time.Advance(TimeSpan.FromMinutes(20));
            sessions.Find(alice.Id);
        }
        Assert.Null(sessions.Find(alice.Id));
        Assert.Null(sessions.Find("forged"));
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
