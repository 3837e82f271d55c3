using ActorSync.Host.Api;
using ActorSync.Host.WebConsole;
using static ActorSync.Host.WebConsole.HtmlMarkup;

namespace ActorSync.Engine.Tests.WebConsole;

/// <summary>The console's two building blocks without a browser: markup that escapes every value, and sessions that end and that every node of the cluster knows.</summary>
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

    private static OpsAccessSettings Tokens(string operatorToken = "op-9f3c2a7d41e85b60c1d2e3f4", string readerToken = "rd-1a2b3c4d5e6f708192a3b4c5") => new()
    {
        Operators = new(StringComparer.OrdinalIgnoreCase) { ["alice"] = operatorToken },
        Readers = new(StringComparer.OrdinalIgnoreCase) { ["bob"] = readerToken },
    };

    [Fact]
    public void A_session_has_a_random_id_and_its_own_anti_forgery_value_and_ends_after_its_idle_time_or_its_lifetime()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var sessions = new ConsoleSessions(time, Tokens());
        var alice = sessions.Start(new OpsCaller("alice", OpsAccess.Role.Operator));
        var bob = sessions.Start(new OpsCaller("bob", OpsAccess.Role.Reader));

        Assert.NotEqual(alice.Id, bob.Id);
        Assert.DoesNotContain("op-9f3c2a7d41e85b60c1d2e3f4", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(alice.Ticket.Split('.')[0]))));
        Assert.True(alice.IsAntiForgery(alice.AntiForgery));
        Assert.False(alice.IsAntiForgery(bob.AntiForgery));
        Assert.False(alice.IsAntiForgery(null));
        Assert.Equal((true, false), (alice.CanAct, bob.CanAct));

        time.Advance(ConsoleSessions.IdleTimeout - TimeSpan.FromMinutes(1));
        Assert.Same(alice, sessions.Find(alice.Ticket)); // alice is active, bob is not
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(sessions.Find(bob.Ticket));
        Assert.Same(alice, sessions.Find(alice.Ticket));
        for (var at = TimeSpan.Zero; at < ConsoleSessions.Lifetime; at += TimeSpan.FromMinutes(20))
        {
            time.Advance(TimeSpan.FromMinutes(20));
            sessions.Find(alice.Ticket);
        }
        Assert.Null(sessions.Find(alice.Ticket));
        Assert.Null(sessions.Find("forged"));
        Assert.Null(sessions.Find(alice.Id));
    }

    [Fact]
    public void A_session_signed_in_on_one_node_is_known_on_another_with_the_same_tokens_and_a_changed_or_foreign_ticket_is_not()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var (node1, node2) = (new ConsoleSessions(time, Tokens()), new ConsoleSessions(time, Tokens()));
        var alice = node1.Start(new OpsCaller("alice", OpsAccess.Role.Operator));

        var there = node2.Find(alice.Ticket);
        Assert.NotNull(there);
        Assert.Equal((alice.Id, alice.Caller, alice.Started, alice.AntiForgery), (there.Id, there.Caller, there.Started, there.AntiForgery));

        // A reader's ticket edited to say operator, or a ticket from a cluster with other tokens, is refused.
        var bob = node1.Start(new OpsCaller("bob", OpsAccess.Role.Reader));
        var parts = bob.Ticket.Split('.');
        var promoted = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[0]))).Replace("Reader", "Operator")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(node2.Find($"{promoted}.{parts[1]}"));
        Assert.Null(new ConsoleSessions(time, Tokens(operatorToken: "op-other-cluster-0000000000000")).Find(alice.Ticket));
        // A token removed from the configuration: every ticket signed before is refused.
        Assert.Null(new ConsoleSessions(time, new OpsAccessSettings { Operators = new(StringComparer.OrdinalIgnoreCase) { ["alice"] = "op-9f3c2a7d41e85b60c1d2e3f4" } }).Find(bob.Ticket));

        // Signed out where it is used: refused there, even with the cookie kept; the lifetime counts from sign-in everywhere.
        node2.End(there.Id);
        Assert.Null(node2.Find(alice.Ticket));
        time.Advance(ConsoleSessions.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Null(new ConsoleSessions(time, Tokens()).Find(bob.Ticket));
    }

    private static string Pad(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text + new string('=', (4 - text.Length % 4) % 4);
    }

    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Advance(TimeSpan by) => _now += by;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
