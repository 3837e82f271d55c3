using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Host.Api;

/// <summary>
/// Who may use the ops API (and everything built on it: the CLI, later the console). Bound from section <c>Ops</c>
/// (<c>Ops__Token</c>, <c>Ops__ReadToken</c>, <c>Ops__Operators__alice</c>, <c>Ops__Readers__finance</c> from the
/// environment): operator tokens may do everything, read tokens only read (GET). Each token has a name, which the
/// audit trail records as who acted (the token itself is never stored): <c>Ops:Operators:&lt;name&gt;</c> and
/// <c>Ops:Readers:&lt;name&gt;</c> by their key, <c>Ops:Token</c> as <c>operator</c>, <c>Ops:ReadToken</c> as
/// <c>reader</c>. Without any token the API answers only on loopback (its callers are <c>local</c>), and the service
/// refuses to start on any other address, so nothing unauthenticated can reach it from the network.
/// </summary>
public sealed partial class OpsAccessSettings
{
    public const string SectionName = "Ops";

    /// <summary>Shorter tokens are guessable; the check names the key, never the value.</summary>
    public const int MinimumTokenLength = 24;

    /// <summary>The name of <c>Ops:Token</c>, of <c>Ops:ReadToken</c>, and of every caller while the API is open.</summary>
    public const string OperatorName = "operator", ReaderName = "reader", LocalName = "local";

    public string? Token { get; set; }
    public string? ReadToken { get; set; }

    /// <summary>Named operator tokens: name → token.</summary>
    public Dictionary<string, string> Operators { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Named read-only tokens: name → token.</summary>
    public Dictionary<string, string> Readers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsOpen => !Tokens().Any();

    /// <summary>Every token that is set, with its configuration key, its name and its role.</summary>
    public IEnumerable<(string Key, string Name, OpsAccess.Role Role, string Token)> Tokens()
    {
        if (!string.IsNullOrEmpty(Token)) yield return ("Ops:Token", OperatorName, OpsAccess.Role.Operator, Token);
        if (!string.IsNullOrEmpty(ReadToken)) yield return ("Ops:ReadToken", ReaderName, OpsAccess.Role.Reader, ReadToken);
        foreach (var (name, token) in Operators.OrderBy(o => o.Key, StringComparer.Ordinal))
            if (!string.IsNullOrEmpty(token)) yield return ($"Ops:Operators:{name}", name, OpsAccess.Role.Operator, token);
        foreach (var (name, token) in Readers.OrderBy(r => r.Key, StringComparer.Ordinal))
            if (!string.IsNullOrEmpty(token)) yield return ($"Ops:Readers:{name}", name, OpsAccess.Role.Reader, token);
    }

    /// <param name="urls">The addresses the service listens on (<c>Urls</c>, separated by ';').</param>
    public void Validate(string? urls)
    {
        var tokens = Tokens().ToList();
        foreach (var (key, _, _, value) in tokens)
            if (value.Trim().Length < MinimumTokenLength)
                throw new ArgumentException($"{key} is shorter than {MinimumTokenLength} characters; use a long random value (for example `openssl rand -hex 32`).");
        foreach (var name in Operators.Keys.Concat(Readers.Keys))
            if (!TokenName().IsMatch(name))
                throw new ArgumentException($"Ops:{(Operators.ContainsKey(name) ? "Operators" : "Readers")}:{name}: a token's name is 1 to 64 letters, digits, '.', '_' or '-' (it is what the audit trail records as who acted).");
        foreach (var group in tokens.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new ArgumentException($"{string.Join(" and ", group.Select(t => t.Key))} have the same name '{group.Key}'; the audit trail could not tell them apart. Rename one.");
        if (tokens.Count > 0 && tokens.Any(t => t.Name.Equals(LocalName, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"{tokens.First(t => t.Name.Equals(LocalName, StringComparison.OrdinalIgnoreCase)).Key}: the name '{LocalName}' is kept for callers of an open API on loopback; choose another.");
        for (var i = 0; i < tokens.Count; i++)
        for (var j = i + 1; j < tokens.Count; j++)
            if (tokens[i].Token == tokens[j].Token)
                throw new ArgumentException($"{tokens[j].Key} equals {tokens[i].Key}; give every name and role its own token.");
        if (tokens.Count > 0 && tokens.All(t => t.Role == OpsAccess.Role.Reader))
            throw new ArgumentException($"{tokens[0].Key} is set but Ops:Token is not (nor any Ops:Operators:<name>); set an operator token too, or nobody can act on exceptions.");
        if (IsOpen && NonLoopback(urls) is { } address)
            throw new ArgumentException($"Urls listens on {address}, which is not loopback, and Ops:Token is not set; set Ops:Token (environment variable Ops__Token) or listen on 127.0.0.1.");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex TokenName();

    private static string? NonLoopback(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)) return url;
            var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback) return url;
        }
        return null;
    }
}

/// <summary>Who called the ops API: the token's name (or <c>local</c>) and its role. Never the token.</summary>
public sealed record OpsCaller(string Name, OpsAccess.Role Role);

/// <summary>
/// The ops API's door: bearer tokens compared in constant time, a name and a role per token, problem details when
/// refused. A change that gets through is recorded in the audit trail first (<see cref="AuditRecording"/>).
/// </summary>
public static class OpsAccess
{
    public enum Role { None, Reader, Operator }

    private const string CallerItem = "actorsync.ops-caller";
    private const string SettingsProperty = "actorsync.ops-access";

    /// <summary>The token settings <see cref="UseOpsAccess"/> put on the app (the console signs in with the same tokens); open without.</summary>
    public static OpsAccessSettings SettingsOf(WebApplication app) =>
        ((IApplicationBuilder)app).Properties.TryGetValue(SettingsProperty, out var settings) && settings is OpsAccessSettings s ? s : new OpsAccessSettings();

    /// <summary>The caller of this request, once the door let it in; null outside <c>/api</c>.</summary>
    public static OpsCaller? CallerOf(HttpContext context) => context.Items.TryGetValue(CallerItem, out var caller) ? caller as OpsCaller : null;

    public static Role RoleOf(OpsAccessSettings settings, string? authorization) => CallerFor(settings, authorization)?.Role ?? Role.None;

    /// <summary>The token's name and role; null when the token is missing or matches none.</summary>
    public static OpsCaller? CallerFor(OpsAccessSettings settings, string? authorization)
    {
        if (settings.IsOpen) return new OpsCaller(OpsAccessSettings.LocalName, Role.Operator);
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
        OpsCaller? found = null;
        // Every token is compared, so the time taken does not say which one nearly matched.
        foreach (var (_, name, role, token) in settings.Tokens())
            if (CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(token))))
                found ??= new OpsCaller(name, role);
        return found;
    }

    /// <summary>
    /// Every <c>/api</c> route needs a token: reads need either role, anything else an operator's. The caller's name
    /// goes on the request (<see cref="CallerOf"/>); a change is recorded in the audit trail before it runs, when the
    /// service has one (the engine registers it; a bare test app does not).
    /// </summary>
    public static void UseOpsAccess(this WebApplication app, OpsAccessSettings settings)
    {
        if (settings.IsOpen)
            app.Logger.LogWarning("Ops:Token is not set: the ops API is open to anyone on this machine (it listens on loopback only). Set Ops:Token before exposing it.");
        ((IApplicationBuilder)app).Properties[SettingsProperty] = settings;
        var audit = AuditRecording.For(app);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            var caller = CallerFor(settings, context.Request.Headers.Authorization.FirstOrDefault());
            var reading = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            if (caller is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(title: "Authentication required", statusCode: StatusCodes.Status401Unauthorized,
                    detail: "Send Authorization: Bearer <token> with an operator token (Ops:Token, Ops:Operators:<name>) or a read-only token (Ops:ReadToken, Ops:Readers:<name>).").ExecuteAsync(context);
                return;
            }
            if (caller.Role == Role.Reader && !reading)
            {
                await Results.Problem(title: "Read-only token", statusCode: StatusCodes.Status403Forbidden,
                    detail: $"The read-only token may not {context.Request.Method} {context.Request.Path}; use an operator token.").ExecuteAsync(context);
                return;
            }
            context.Items[CallerItem] = caller;
            if (reading || audit is null) await next(context);
            else await audit.RunAsync(context, caller, next);
        });
    }
}
