using ActorSync.ServiceLayer;
using ActorSync.Engine.Gateway;
using ActorSync.Engine.Persistence;
using ActorSync.ServiceLayer.Sessions;
using Akka.Actor;
using Akka.Hosting;

namespace ActorSync.Host.Api;

/// <summary>
/// Liveness and readiness, apart: <c>/health/live</c> says the process answers (restart it if not);
/// <c>/health/ready</c> says whether it can do its work: SAP's TLS certificate passes the configured check, SAP lets
/// the integration user in, the circuit to SAP is
/// closed, and the journal took a write within the last seconds (<see cref="JournalProbe"/>). Each failing check is
/// named with what to do; nothing sensitive is shown. Both stay
/// open without a token. <c>/api/gateway/sap</c> shows the same SAP state to operators, and
/// <c>POST /api/gateway/sap/allow-logins</c> lets logins be tried again after the password is fixed.
/// </summary>
public static class HealthApi
{
    public sealed record Check(string Name, bool Ok, string Detail);

    public static void MapHealthApi(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "up" }));
        app.MapGet("/health/live", () => Results.Ok(new { status = "up" }));
        app.MapGet("/health/ready", async (ServiceLayerClient sap, IRequiredActor<JournalHealthCheck> probe, CancellationToken ct) =>
        {
            var checks = new List<Check> { Certificate(sap), Logins(sap), Circuit(sap), await Journal(probe, ct) };
            var ready = checks.All(c => c.Ok);
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/gateway/sap", (ServiceLayerClient sap) => Results.Ok(new
        {
            circuit = sap.Circuit.ToString(),
            certificateMode = sap.CertificateMode.ToString(),
            // The presented certificate's thumbprint and subject, and the key to set (public, never secret).
            certificateRefused = sap.CertificateRefused,
            loginRefused = sap.LoginRefused,
            sessions = sap.Sessions,
        }));
        // The same as retrying the sap-login-refused exception: the watch allows logins and logs in once at once.
        app.MapPost("/api/gateway/sap/allow-logins", async (IRequiredActor<SapAccess> watch, CancellationToken ct) =>
        {
            var answer = await (await watch.GetAsync(ct)).Ask<SapAccessWatch.LoginsAllowed>(new SapAccessWatch.AllowLogins("ops-api"), TimeSpan.FromSeconds(10), ct);
            return Results.Ok(new { allowed = true, message = answer.Message });
        });
    }

    private static Check Certificate(ServiceLayerClient sap) => sap.CertificateRefused switch
    {
        null => new("sap certificate", true, sap.CertificateMode.ToString()),
        var r => new("sap certificate", false, $"{r.Message} (at {r.At:u})"),
    };

    private static Check Logins(ServiceLayerClient sap) => sap.LoginRefused switch
    {
        null => new("sap login", true, "not refused"),
        { Kind: LoginRefusalKind.Credentials } r => new("sap login", false,
            $"SAP refused the credentials at {r.At:u} ({r.Code} {r.Message}); logins are stopped so the user is not locked. Fix ServiceLayer:UserName/Password, then POST /api/gateway/sap/allow-logins."),
        { Kind: LoginRefusalKind.UserLocked } r => new("sap login", false,
            $"SAP reports the integration user locked at {r.At:u} ({r.Code}); unlock it in SAP, then POST /api/gateway/sap/allow-logins."),
        var r => new("sap login", false, $"SAP refused the licence at {r.At:u} ({r.Code} {r.Message}); assign a licence to the user, then POST /api/gateway/sap/allow-logins."),
    };

    private static async Task<Check> Journal(IRequiredActor<JournalHealthCheck> probe, CancellationToken ct)
    {
        JournalProbe.JournalHealth health;
        try
        {
            health = await (await probe.GetAsync(ct)).Ask<JournalProbe.JournalHealth>(JournalProbe.GetJournalHealth.Instance, TimeSpan.FromSeconds(2), ct);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            return new("journal", false, "the journal probe did not answer within 2 s; the node is overloaded or stopping");
        }
        return health.Writable
            ? new("journal", true, $"wrote at {health.LastWrite:u} in {health.Took?.TotalMilliseconds:0} ms")
            : new("journal", false, $"{health.Problem}; accepted work is safe in the journal, but new work cannot be taken until it writes again. Check the database of Persistence:ConnectionString.");
    }

    private static Check Circuit(ServiceLayerClient sap) => sap.Circuit switch
    {
        CircuitState.Closed => new("sap circuit", true, "closed"),
        var state => new("sap circuit", false, $"{state}: SAP failed repeatedly and requests wait (nothing is lost); see /api/gateway and the Service Layer's own health"),
    };
}
