using System.Collections.Concurrent;
using System.Text.Json;
using ActorSync.Domain.ExceptionQueue;
using ActorSync.Domain.Exceptions;
using ActorSync.Emulators.ServiceLayer;
using ActorSync.Engine.Alerts;
using ActorSync.Engine.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using static ActorSync.Domain.ExceptionQueue.ExceptionQueueCommands;

namespace ActorSync.Engine.Tests.Alerts;

/// <summary>The alert watch end to end: an exception past its team's age reaches a webhook once, and so does its end.</summary>
public class AlertWatchSpecs
{
    private const string WebhookToken = "whk-3f9a1c7e5b2d4a6c8e0f1a3b5c7d9e2f";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_exception_past_its_teams_age_reaches_the_webhook_once_with_its_next_step_and_its_end_too()
    {
        await using var webhook = await Receiver.StartAsync(failFirst: 0);
        await using var sap = await ServiceLayerEmulator.StartAsync();
        await using var host = await OpsTestHost.StartAsync(Settings(sap, webhook.Url));

        await host.Queue.RaiseAsync(new RaiseException(RecordKinds.Order, "magento:000000412", ExceptionTypes.UnmappedTax("No VAT group for 5.5 %"), "{}", DateTimeOffset.UtcNow));
        var fired = await webhook.WaitForAsync(n => n.Status == "firing" && n.Key == "exceptions-waiting:finance");
        await Task.Delay(TimeSpan.FromSeconds(3)); // three more looks

        Assert.Equal("finance", fired.Team);
        Assert.Contains("1 unmapped-tax", fired.Summary);
        Assert.Contains("--team finance", fired.Action);
        Assert.StartsWith("[ActorSync] finance:", fired.Text);
        Assert.Equal($"Bearer {WebhookToken}", fired.Authorization);
        Assert.Single(webhook.Delivered, n => n.Key == "exceptions-waiting:finance");
        var api = await host.GetJson("/api/alerts");
        Assert.Equal("exceptions-waiting:finance", api.GetProperty("alerts").EnumerateArray().Single().GetProperty("key").GetString());
        var cli = await Operations.RunningHost.CliWith(null, "alerts", "--host", host.Http.BaseAddress!.ToString());
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("exceptions-waiting:finance", cli.Stdout);

        var id = (await host.Queue.ListAsync()).Single().Id;
        await host.Queue.ResolveAsync(id, "VAT group R3 mapped for 5.5 %");
        var resolved = await webhook.WaitForAsync(n => n.Status == "resolved");

        Assert.Equal("exceptions-waiting:finance", resolved.Key);
        Assert.Empty((await host.GetJson("/api/alerts")).GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public async Task A_webhook_that_was_down_gets_the_notice_once_it_answers_again()
    {
        await using var webhook = await Receiver.StartAsync(failFirst: 3);
        await using var sap = await ServiceLayerEmulator.StartAsync();
        await using var host = await OpsTestHost.StartAsync(Settings(sap, webhook.Url));

        await host.Queue.RaiseAsync(new RaiseException(RecordKinds.Order, "bigcommerce:318", ExceptionTypes.UnknownSku("No item ITM-404"), "{}", DateTimeOffset.UtcNow));
        await webhook.WaitForAsync(n => n.Key == "exceptions-waiting:merchandising");

        Assert.True(webhook.Attempts >= 4, $"{webhook.Attempts} attempts");
        Assert.Single(webhook.Delivered);
    }

    private static Engine.Hosting.EngineSettings Settings(ServiceLayerEmulator sap, string webhookUrl)
    {
        var settings = EngineTestHost.DefaultSettings(sap, TestDatabases.NewSqlite());
        settings.Alerts = new AlertSettings
        {
            WebhookUrl = webhookUrl,
            WebhookToken = WebhookToken,
            CheckInterval = TimeSpan.FromSeconds(1),
            ExceptionAge = new(StringComparer.OrdinalIgnoreCase) { ["Finance"] = TimeSpan.Zero, ["Merchandising"] = TimeSpan.Zero },
        };
        return settings;
    }

    private sealed record Notice(string Status, string Key, string Team, string Summary, string Action, string Text, string? Authorization);

    /// <summary>A webhook on loopback that keeps what it was sent; it answers 503 to its first <c>failFirst</c> requests.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _attempts;
        private readonly int _failFirst;

        public ConcurrentQueue<Notice> Delivered { get; } = new();
        public int Attempts => _attempts;
        public string Url => _app.Urls.First() + "/hooks/alerts";

        private Receiver(int failFirst)
        {
            _failFirst = failFirst;
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.MapPost("/hooks/alerts", async (HttpRequest request) =>
            {
                if (Interlocked.Increment(ref _attempts) <= _failFirst) return Results.StatusCode(503);
                var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
                string Get(string name) => body.GetProperty(name).GetString()!;
                Delivered.Enqueue(new Notice(Get("status"), Get("key"), Get("team"), Get("summary"), Get("action"), Get("text"), request.Headers.Authorization.FirstOrDefault()));
                return Results.Ok();
            });
        }

        public static async Task<Receiver> StartAsync(int failFirst)
        {
            var receiver = new Receiver(failFirst);
            await receiver._app.StartAsync();
            return receiver;
        }

        public async Task<Notice> WaitForAsync(Func<Notice, bool> match)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (Delivered.FirstOrDefault(match) is { } notice) return notice;
                await Task.Delay(100);
            }
            throw new Xunit.Sdk.XunitException($"No such notice within {Patience.TotalSeconds} s; delivered: {string.Join("; ", Delivered)}");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
