using System.Text.Json;
using ActorSync.Emulators.ServiceLayer.Faults;

namespace ActorSync.Perf.Faults;

/// <summary>
/// The integration user's password is changed in SAP mid-drain (and its sessions end, so the engine must log in
/// again). SAP refuses the login: the engine must stop logging in at once (SAP locks a user after repeated failures),
/// say so (a <c>sap-login-refused</c> exception for the integration team, readiness not ready), and keep the orders
/// journaled. The operator first retries too early, before the password is put right: exactly one more login is
/// refused and the exception is open again with that answer, not left "retrying". Then the password is put right in
/// SAP and the operator retries again: logins are allowed, everything posts once and the exception resolves itself.
/// </summary>
public sealed class WrongCredentials : FaultScenario
{
    private const string Refused = "100000027";

    private string? _exceptionId;
    private string? _team;
    private long _refusedWhileStopped = -1;
    private long _refusedAfterEarlyRetry = -1;
    private string? _statusAfterEarlyRetry;
    private bool _retryAccepted;
    private string _retryAnswer = "";

    public override string Name => "wrong-credentials";

    public override string Describe(ScenarioSize size) => $"password changed in SAP, exception retried too early, password put right after {size.FaultFor.TotalSeconds:F0}s, retried again";

    public override async Task InjectAsync(FaultRun run, CancellationToken ct)
    {
        run.Sap.ApplyFaults(new FaultSettings { Password = $"rotated-{Guid.NewGuid():N}", ExpireAllSessions = true });
        run.FaultBegins("password changed in SAP, sessions ended");
        var refusedBefore = run.StatsAtFault!.Rejections.GetValueOrDefault(Refused);

        // The operator is told: one exception for the integration team.
        JsonElement? raised = null;
        await FaultRun.EventuallyAsync(async () =>
        {
            var found = await run.ExceptionsAsync("type=sap-login-refused&status=open");
            raised = found.Count > 0 ? found[0] : null;
            return raised is not null || ct.IsCancellationRequested;
        }, TimeSpan.FromSeconds(30));
        if (raised is { } exception)
        {
            _exceptionId = exception.GetProperty("id").GetString();
            _team = exception.GetProperty("team").GetString();
            run.Say($"exception {exception.GetProperty("type")} for {_team}: {exception.GetProperty("suggestedAction")}");
        }

        // Logins stay stopped while the password is wrong: no loop that would lock the user.
        await FaultRun.HoldAsync(run.Size.FaultFor, ct);
        _refusedWhileStopped = run.Sap.GetStats().Rejections.GetValueOrDefault(Refused) - refusedBefore;

        // Too early: the operator retries before the password is put right. One login, refused; the exception open again.
        if (_exceptionId is not null)
        {
            using var early = await run.Ops.PostAsync($"/api/exceptions/{Uri.EscapeDataString(_exceptionId)}/retry", null, ct);
            run.Say($"retried before the password was put right: {(int)early.StatusCode}");
            await FaultRun.EventuallyAsync(async () =>
            {
                _statusAfterEarlyRetry = await StatusAsync(run, _exceptionId);
                return _statusAfterEarlyRetry == "open";
            }, TimeSpan.FromSeconds(10));
            await FaultRun.HoldAsync(TimeSpan.FromSeconds(2), ct);
            _refusedAfterEarlyRetry = run.Sap.GetStats().Rejections.GetValueOrDefault(Refused) - refusedBefore - _refusedWhileStopped;
            run.Say($"after the early retry: exception {_statusAfterEarlyRetry}, {_refusedAfterEarlyRetry} more refused logins");
        }

        // Put right in SAP (the engine's configured password is valid again), then the operator's next step.
        run.Sap.ApplyFaults(new FaultSettings { Password = FaultRun.SapPassword });
        if (_exceptionId is not null)
        {
            using var retry = await run.Ops.PostAsync($"/api/exceptions/{Uri.EscapeDataString(_exceptionId)}/retry", null, ct);
            _retryAccepted = retry.IsSuccessStatusCode;
            _retryAnswer = $"{(int)retry.StatusCode}";
        }

        run.FaultLifted();
    }

    public override async Task JudgeAsync(FaultRun run, Verdict verdict)
    {
        var notReady = run.TimeSeen(s => s.FaultOn && !s.Ready && s.NotReadyBecause.Contains("sap login", StringComparison.Ordinal));
        verdict.Require(_exceptionId is not null, "no sap-login-refused exception was raised");
        verdict.Require(_team == "integration", $"the sap-login-refused exception belongs to '{_team}', not the integration team");
        verdict.Require(notReady > TimeSpan.Zero, "/health/ready never said 'sap login' not ready while SAP refused the password");
        verdict.Require(_refusedWhileStopped is >= 1 and <= 2,
            $"{_refusedWhileStopped} logins refused while the password was wrong: expected one or two, then none until allowed");
        verdict.Require(_refusedAfterEarlyRetry == 1, $"{_refusedAfterEarlyRetry} logins refused after retrying with the password still wrong: expected exactly one");
        verdict.Require(_statusAfterEarlyRetry == "open",
            $"after a retry with the password still wrong the exception is '{_statusAfterEarlyRetry}', not open again with the refusal");
        verdict.Require(_retryAccepted, $"retrying the exception was refused ({_retryAnswer})");
        string? status = null;
        if (_exceptionId is not null)
        {
            await FaultRun.EventuallyAsync(async () =>
            {
                status = await StatusAsync(run, _exceptionId);
                return status == "resolved";
            }, TimeSpan.FromSeconds(15));
            verdict.Require(status == "resolved", $"the sap-login-refused exception is '{status}' after logins worked again, not resolved by itself");
        }

        verdict.Seen($"sap-login-refused for {_team}, not ready {notReady.TotalSeconds:F1}s, {_refusedWhileStopped} refused logins in " +
                     $"{run.Size.FaultFor.TotalSeconds:F0}s; retried too early: {_refusedAfterEarlyRetry} refused, exception {_statusAfterEarlyRetry}; " +
                     $"retried after the fix: logins again, exception {status}");
    }

    private static async Task<string?> StatusAsync(FaultRun run, string exceptionId)
    {
        using var response = await run.Ops.GetAsync($"/api/exceptions/{Uri.EscapeDataString(exceptionId)}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
    }
}
