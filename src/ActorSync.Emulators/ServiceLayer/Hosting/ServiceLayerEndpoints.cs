using System.Text;
using ActorSync.Emulators.ServiceLayer.Engine;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Emulators.ServiceLayer.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorSync.Emulators.ServiceLayer;

/// <summary>HTTP wiring of the Service Layer emulator: <c>/b1s/v1</c>, <c>/b1s/v2</c>, <c>/ping</c> and the control API.</summary>
public static class ServiceLayerEndpoints
{
    /// <summary>
    /// Maps the emulator into an app: <c>/b1s/{v1,v2}/…</c> (the Service Layer), <c>/ping/…</c> (SL's health
    /// checks) and the control API outside the SAP paths: <c>GET /__emulator/stats</c>,
    /// <c>POST /__emulator/faults</c>, <c>POST /__emulator/reset</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapServiceLayerEmulator(this IEndpointRouteBuilder endpoints, ServiceLayerEmulatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        endpoints.Map("/b1s/{**path}", context => HandleServiceLayerAsync(context, state));

        endpoints.MapGet("/__emulator/stats", context => WriteJsonAsync(context, 200, state.GetStats().ToJson()));
        endpoints.MapPost("/__emulator/faults", async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var json = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            FaultSettings settings;
            try
            {
                settings = FaultSettings.Parse(json, state.CurrentCapacity);
            }
            catch (Exception error) when (error is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                await WriteJsonAsync(context, 400, System.Text.Json.JsonSerializer.Serialize(new { error = error.Message })).ConfigureAwait(false);
                return;
            }

            state.ApplyFaults(settings);
            context.Response.StatusCode = 204;
        });
        endpoints.MapPost("/__emulator/reset", context =>
        {
            state.Reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        // SL's ping-pong API (reference §1) answers without touching the company.
        endpoints.MapGet("/ping/{**target}", context =>
        {
            var target = context.Request.RouteValues["target"] as string;
            var sender = target is { Length: > 0 } t && t.StartsWith("node/", StringComparison.Ordinal) ? "node" + t["node/".Length..] : "load balancer";
            var stamp = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            return WriteJsonAsync(context, 200, $"{{\"message\":\"pong\",\"sender\":\"{sender}\",\"timestamp\":\"{stamp}\"}}");
        });
        return endpoints;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task HandleServiceLayerAsync(HttpContext context, ServiceLayerEmulatorState state)
    {
        var rawPath = context.Request.Path.Value ?? "";
        ODataVersion version;
        string path;
        if (rawPath.StartsWith("/b1s/v1", StringComparison.Ordinal) && (rawPath.Length == 7 || rawPath[7] == '/'))
        {
            version = ODataVersion.V1;
            path = rawPath.Length > 8 ? rawPath[8..] : "";
        }
        else if (rawPath.StartsWith("/b1s/v2", StringComparison.Ordinal) && (rawPath.Length == 7 || rawPath[7] == '/'))
        {
            version = ODataVersion.V2;
            path = rawPath.Length > 8 ? rawPath[8..] : "";
        }
        else
        {
            context.Response.StatusCode = 404;
            return;
        }

        path = path.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var method = context.Request.Method.ToUpperInvariant();
        state.Stats.Request(method + " " + ResourcePath.Parse(path).StatsName);

        if (state.Faults.CurrentOutage() is { } outage)
        {
            await WriteOutageAsync(context, outage, method, rawPath).ConfigureAwait(false);
            return;
        }

        if (state.Faults.LatencyMs > 0)
        {
            await Task.Delay(state.Faults.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        }

        if (state.Faults.ExpectContinueFails &&
            context.Request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 500; // Apache LB: empty 500 (reference §4)
            return;
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = values.ToString();
        }

        var request = new SlRequest
        {
            Method = method,
            Version = version,
            Path = path,
            Query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "",
            Headers = headers,
            Body = body,
            BaseAddress = context.Request.Scheme + "://" + context.Request.Host.Value + "/",
            SessionId = SessionCookie(context.Request.Headers.Cookie.ToString()),
        };

        var response = await state.Engine.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response.CreatedSets.Count > 0 && state.Faults.ConsumeDrop(response.CreatedSets))
        {
            // Committed, but the client never hears about it (reference §4: proxy errors after commit).
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers.Append(name, value);
        }

        foreach (var cookie in response.SetCookies)
        {
            context.Response.Headers.Append("Set-Cookie", cookie);
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>B1SESSION from the Cookie header (ROUTEID and anything else ignored).</summary>
    internal static string? SessionCookie(string cookieHeader)
    {
        foreach (var part in cookieHeader.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("B1SESSION=", StringComparison.Ordinal))
            {
                return part["B1SESSION=".Length..];
            }
        }

        return null;
    }

    private static async Task WriteOutageAsync(HttpContext context, int status, string method, string path)
    {
        context.Response.StatusCode = status;
        if (status == 502)
        {
            // Apache mod_proxy's page when a node dies or times out (reference §4, B1SLayer issue #78).
            context.Response.ContentType = "text/html; charset=iso-8859-1";
            var html =
                "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n" +
                "<h1>Proxy Error</h1>\n<p>The proxy server received an invalid\nresponse from an upstream server.<br />\n" +
                $"The proxy server could not handle the request <em><a href=\"{path}\">{method}&nbsp;{path}</a></em>.<p>\n" +
                "Reason: <strong>Error reading from remote server</strong></p></p>\n</body></html>\n";
            await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"message\":\"Service Unavailable\"}", context.RequestAborted).ConfigureAwait(false);
    }
}
