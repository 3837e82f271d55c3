using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Host.WebConsole;
using Microsoft.Playwright;

namespace ActorSync.Engine.Tests.WebConsole;

/// <summary>
/// The web console in a real headless chromium against a running host: signing in with named tokens, the exception
/// queue by team and an exception resolved with its note landing in the audit trail under the person's name, a
/// reader's missing buttons and refused posts, forged posts refused, flow health with its chart, the entity look-up,
/// and a hostile payload shown as text. Each spec leaves <c>artifacts/console/&lt;spec&gt;.png</c>.
/// </summary>
public sealed class ConsoleSpecs(ConsoleHost host, ConsoleBrowser browser) : IClassFixture<ConsoleHost>, IClassFixture<ConsoleBrowser>
{
    [Fact]
    public async Task An_operator_finds_the_parked_order_under_its_team_and_resolves_it_with_a_note_the_audit_trail_keeps_under_their_name()
    {
        var page = await SignedInAsync(ConsoleHost.AliceToken);
        const string note = "Item reactivated in SAP; order re-keyed by hand as 10452 (ticket FIN-1187)";

        await page.Locator($"a.tab[data-team=\"{host.Parked.Team.Name()}\"]").ClickAsync();
        await page.WaitForURLAsync($"**/console/exceptions?status=open&team={host.Parked.Team.Name()}");
        var row = page.Locator($"tr[data-id=\"{host.Parked.Id}\"]");
        Assert.Contains(host.ParkedOrder, await row.InnerTextAsync());
        Assert.Equal(0, await page.Locator($"tr[data-id=\"{host.ReaderTarget}\"]").CountAsync()); // finance's, not this team's
        await row.Locator("a").ClickAsync();
        Assert.Equal("open", await page.Locator("#status").InnerTextAsync());
        Assert.Contains(host.ParkedOrder, await page.Locator("#payload").InnerTextAsync());

        await page.Locator("#note-input").FillAsync(note);
        await page.Locator("#resolve").ClickAsync();
        await page.Locator(".flash").WaitForAsync();

        Assert.Equal("resolved", await page.Locator("#status").InnerTextAsync());
        var history = await page.Locator("#history").InnerTextAsync();
        Assert.Contains("exception.resolve", history);
        Assert.Contains(ConsoleHost.Alice, history);
        Assert.Contains(note, history);
        Assert.Equal(0, await page.Locator("#resolve").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "operator-resolves-exception");

        var audit = await host.Service.GetJson($"/api/audit?target={host.Parked.Id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("alice", "exception.resolve", note, 200),
            (entry.GetProperty("who").GetString(), entry.GetProperty("action").GetString(), entry.GetProperty("detail").GetString(), entry.GetProperty("status").GetInt32()));
        Assert.Equal(ExceptionStatus.Resolved, (await host.Service.Queue.GetAsync(host.Parked.Id))!.Status);

        await page.Locator("header nav a", new() { HasText = "Audit" }).ClickAsync();
        var trail = await page.Locator($"#audit tr[data-number=\"{entry.GetProperty("number").GetInt64()}\"]").InnerTextAsync();
        Assert.Contains($"alice\t127.0.0.1\texception.resolve\t{host.Parked.Id}\t{note}\t200", trail);
    }

    [Fact]
    public async Task A_reader_sees_no_action_buttons_and_posts_without_the_operator_role_or_the_sessions_anti_forgery_value_are_refused()
    {
        var reader = await SignedInAsync(ConsoleHost.BobToken);
        await reader.GotoAsync($"{host.Url}/console/exceptions/{host.ReaderTarget}");
        Assert.Contains("bob (read-only)", await reader.Locator(".who").InnerTextAsync());
        Assert.Equal("open", await reader.Locator("#status").InnerTextAsync());
        Assert.Equal(0, await reader.Locator("button#retry, button#resolve, button#ignore, section.actions").CountAsync());
        await ConsoleBrowser.ScreenshotAsync(reader, "reader-sees-no-actions");
        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        await reader.GotoAsync($"{host.Url}/console/payments?channel=magento&day={day}");
        Assert.Equal($"magento, {day}", await reader.Locator("#payments h2").InnerTextAsync());
        await reader.Locator("header nav a", new() { HasText = "Reconciliation" }).ClickAsync();
        // No reconciliation has run on this host yet: the page says so and lists no run.
        Assert.Equal("No run has completed yet.", await reader.Locator("#no-run").InnerTextAsync());
        Assert.Equal(0, await reader.Locator("#runs tbody tr").CountAsync());

        var readerPost = await reader.APIRequest.PostAsync($"{host.Url}/console/exceptions/{host.ReaderTarget}/resolve",
            new() { Form = Form(reader, ("note", "a reader trying"), ("_csrf", await AntiForgeryOf(reader))), MaxRedirects = 0 });
        var operatorPage = await SignedInAsync(ConsoleHost.AliceToken);
        var noToken = await operatorPage.APIRequest.PostAsync($"{host.Url}/console/exceptions/{host.ReaderTarget}/ignore",
            new() { Form = Form(operatorPage, ("reason", "forged")), MaxRedirects = 0 });
        var wrongToken = await operatorPage.APIRequest.PostAsync($"{host.Url}/console/exceptions/{host.ReaderTarget}/ignore",
            new() { Form = Form(operatorPage, ("reason", "forged"), ("_csrf", await AntiForgeryOf(reader))), MaxRedirects = 0 });

        var otherSite = await operatorPage.APIRequest.PostAsync($"{host.Url}/console/exceptions/{host.ReaderTarget}/ignore",
            new() { Form = Form(operatorPage, ("reason", "forged"), ("_csrf", await AntiForgeryOf(operatorPage))), MaxRedirects = 0,
                Headers = new Dictionary<string, string> { ["Origin"] = "http://attacker.example" } });

        Assert.Equal((403, 403, 403, 403), (readerPost.Status, noToken.Status, wrongToken.Status, otherSite.Status));
        Assert.Contains("read-only token", await readerPost.TextAsync());
        Assert.Contains("anti-forgery", await noToken.TextAsync());
        Assert.Equal(ExceptionStatus.Open, (await host.Service.Queue.GetAsync(host.ReaderTarget))!.Status);
        var audit = await host.Service.GetJson($"/api/audit?target={host.ReaderTarget}");
        Assert.Equal(0, audit.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_wrong_token_gets_one_message_and_is_never_logged_while_the_right_one_gets_an_opaque_httponly_strict_cookie_that_sign_out_ends()
    {
        var wrong = "op-not-a-token-" + Guid.NewGuid().ToString("N");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{host.Url}/console/exceptions");
        Assert.EndsWith("/console/sign-in", page.Url);
        await page.Locator("#token").FillAsync(wrong);
        await page.Locator("button[type=submit]").ClickAsync();

        Assert.Equal(SignInPage.Refused, await page.Locator("#sign-in-error").InnerTextAsync());
        Assert.Equal(1, await page.Locator(".error").CountAsync());
        Assert.Empty(await page.Context.CookiesAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "wrong-token");
        Assert.DoesNotContain(wrong, host.Logs.All);

        await page.Locator("#token").FillAsync(ConsoleHost.AliceToken);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/console/exceptions");
        var cookie = Assert.Single(await page.Context.CookiesAsync());
        Assert.Equal((ConsoleHosting.CookieName, true, SameSiteAttribute.Strict, "/console"), (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path));
        Assert.DoesNotContain(ConsoleHost.AliceToken, cookie.Value);
        Assert.True(cookie.Value.Length >= 40, cookie.Value);
        Assert.DoesNotContain(ConsoleHost.AliceToken, host.Logs.All);

        await page.Locator("button", new() { HasText = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/console/sign-in");
        await page.Context.AddCookiesAsync([new() { Name = cookie.Name, Value = cookie.Value, Domain = cookie.Domain, Path = cookie.Path }]);
        await page.GotoAsync($"{host.Url}/console/flows");
        Assert.EndsWith("/console/sign-in", page.Url); // the old session is gone, not just its cookie
    }

    [Fact]
    public async Task The_flow_page_shows_each_flow_the_sap_limit_sessions_and_circuit_charts_the_samples_and_carries_the_alert_banner()
    {
        var page = await SignedInAsync(ConsoleHost.AliceToken);
        await page.GotoAsync($"{host.Url}/console/flows");
        await page.ReloadAsync(); // a second sample at least

        var orders = page.Locator("#flows tr[data-flow=\"orders\"] td");
        Assert.True(int.Parse(await orders.Nth(2).InnerTextAsync()) >= 1, "posted since start");
        Assert.Equal(1, await page.Locator("#flows tr[data-flow=\"pos\"]").CountAsync());
        Assert.Matches(@"^\d+ \((adaptive|fixed), \d+\.\.\d+\)$", await page.Locator("#limit").InnerTextAsync());
        Assert.Matches(@"^\d+ / \d+ / \d+ ", await page.Locator("#sessions").InnerTextAsync());
        Assert.Equal("Closed", await page.Locator("#circuit").InnerTextAsync());
        Assert.Contains("finance:", await page.Locator(".banner.alert").InnerTextAsync());
        Assert.Equal(3, await page.Locator("#chart-throughput svg polyline").CountAsync());
        var limitLine = await page.Locator("#chart-sap svg polyline[data-series=\"limit\"]").GetAttributeAsync("points");
        Assert.True(limitLine!.Split(' ').Length >= 2, limitLine);
        await ConsoleBrowser.ScreenshotAsync(page, "flow-health");
    }

    [Fact]
    public async Task Entity_look_up_finds_the_posted_order_with_its_sap_document_says_when_there_is_none_and_shows_a_stock_position()
    {
        var page = await SignedInAsync(ConsoleHost.AliceToken);
        await page.Locator("header nav a", new() { HasText = "Look-up" }).ClickAsync();
        await page.Locator("#kind").SelectOptionAsync("order");
        await page.Locator("#id").FillAsync(host.PostedOrder);
        await page.Locator("button[type=submit]", new() { HasText = "Look up" }).ClickAsync();

        var order = await host.Service.Engine.GetOrderAsync(host.PostedOrder);
        Assert.Equal(order.DocEntry.ToString(), await page.Locator("dd[data-field=\"docEntry\"]").InnerTextAsync());
        Assert.Equal(order.Status.ToString(), await page.Locator("dd[data-field=\"status\"]").InnerTextAsync());
        Assert.Contains(order.Order!.Lines[0].Sku, await page.Locator("table[data-list=\"order.lines\"]").InnerTextAsync());
        await ConsoleBrowser.ScreenshotAsync(page, "entity-look-up");

        await page.GotoAsync($"{host.Url}/console/entities?kind=order&id=magento:NO-SUCH-ORDER");
        Assert.Contains("has no order magento:NO-SUCH-ORDER", await page.Locator("#not-found").InnerTextAsync());

        await page.Locator("#kind").SelectOptionAsync("stock");
        await page.Locator("#id").FillAsync($"{host.Sku}@01");
        await page.Locator("button[type=submit]", new() { HasText = "Look up" }).ClickAsync();
        Assert.Equal(("37.5", "4.25", "33.25"), (await page.Locator("dd[data-field=\"inStock\"]").InnerTextAsync(),
            await page.Locator("dd[data-field=\"committed\"]").InnerTextAsync(), await page.Locator("dd[data-field=\"available\"]").InnerTextAsync()));
    }

    [Fact]
    public async Task A_script_in_a_payload_and_a_reason_is_shown_as_text_and_never_runs()
    {
        var page = await SignedInAsync(ConsoleHost.AliceToken);
        var response = await page.GotoAsync($"{host.Url}/console/exceptions/{host.Hostile}");

        var payload = JsonDocument.Parse(await page.Locator("#payload").InnerTextAsync()).RootElement;
        Assert.Equal(ConsoleHost.HostileMarkup, payload.GetProperty("customer").GetProperty("name").GetString());
        Assert.Contains("\"<script>document.title=", await page.Locator("#payload").InnerTextAsync());
        Assert.Contains(ConsoleHost.HostileMarkup, await page.Locator("#reason").InnerTextAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script, main img, main b').length"));
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__pwned"));
        Assert.DoesNotContain("pwned", await page.TitleAsync());
        Assert.Contains("default-src 'none'", response!.Headers["content-security-policy"]);
        await ConsoleBrowser.ScreenshotAsync(page, "hostile-payload-as-text");

        await page.GotoAsync($"{host.Url}/console/exceptions?team=operations");
        Assert.Contains(ConsoleHost.HostileMarkup, await page.Locator($"tr[data-id=\"{host.Hostile}\"]").InnerTextAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script, main img, main b').length"));
    }

    private async Task<IPage> SignedInAsync(string token)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{host.Url}/console/sign-in");
        await page.Locator("#token").FillAsync(token);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/console/exceptions");
        return page;
    }

    private static async Task<string> AntiForgeryOf(IPage page) =>
        (await page.Locator("input[name=_csrf]").First.GetAttributeAsync("value"))!;

    private static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        return form;
    }
}
