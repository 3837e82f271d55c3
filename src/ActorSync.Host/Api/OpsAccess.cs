using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Host.Api;

/// <summary>
/// Who may use the ops API (and everything built on it: the CLI, later the console). Bound from section <c>Ops</c>
/// (<c>Ops__Token</c>, <c>Ops__ReadToken</c> from the environment): the operator token may do everything, the read
/// token only reads (GET). Without a token the API answers only on loopback, and the service refuses to start on any
/// other address, so nothing unauthenticated can reach it from the network.
/// </summary>
public sealed class OpsAccessSettings
{
    public const string SectionName = "Ops";

    /// <summary>Shorter tokens are guessable; the check names the key, never the value.</summary>
    public const int MinimumTokenLength = 24;

    public string? Token { get; set; }
    public string? ReadToken { get; set; }

    public bool IsOpen => string.IsNullOrEmpty(Token) && string.IsNullOrEmpty(ReadToken);

    /// <param name="urls">The addresses the service listens on (<c>Urls</c>, separated by ';').</param>
    public void Validate(string? urls)
    {
        foreach (var (key, value) in new[] { ("Ops:Token", Token), ("Ops:ReadToken", ReadToken) })
            if (!string.IsNullOrEmpty(value) && value.Trim().Length < MinimumTokenLength)
                throw new ArgumentException($"{key} is shorter than {MinimumTokenLength} characters; use a long random value (for example `openssl rand -hex 32`).");
        if (!string.IsNullOrEmpty(ReadToken) && string.IsNullOrEmpty(Token))
            throw new ArgumentException("Ops:ReadToken is set but Ops:Token is not; set an operator token too, or nobody can act on exceptions.");
        if (!string.IsNullOrEmpty(Token) && Token == ReadToken)
            throw new ArgumentException("Ops:ReadToken equals Ops:Token; give the read-only role its own token.");
        if (IsOpen && NonLoopback(urls) is { } address)
            throw new ArgumentException($"Urls listens on {address}, which is not loopback, and Ops:Token is not set; set Ops:Token (environment variable Ops__Token) or listen on 127.0.0.1.");
    }

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

/// <summary>The ops API's door: bearer tokens compared in constant time, a role per token, problem details when refused.</summary>
public static class OpsAccess
{
    public enum Role { None, Reader, Operator }

    public static Role RoleOf(OpsAccessSettings settings, string? authorization)
    {
        if (settings.IsOpen) return Role.Operator;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Role.None;
        var presented = authorization["Bearer ".Length..].Trim();
        if (Same(presented, settings.Token)) return Role.Operator;
        if (Same(presented, settings.ReadToken)) return Role.Reader;
        return Role.None;
    }

    /// <summary>Hashing first makes the comparison constant in time whatever the lengths.</summary>
    private static bool Same(string presented, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    /// <summary>Every <c>/api</c> route needs a token: reads need either role, anything else the operator's.</summary>
    public static void UseOpsAccess(this WebApplication app, OpsAccessSettings settings)
    {
        if (settings.IsOpen)
            app.Logger.LogWarning("Ops:Token is not set: the ops API is open to anyone on this machine (it listens on loopback only). Set Ops:Token before exposing it.");
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            var role = RoleOf(settings, context.Request.Headers.Authorization.FirstOrDefault());
            var reading = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            if (role == Role.None)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Results.Problem(title: "Authentication required", statusCode: StatusCodes.Status401Unauthorized,
                    detail: "Send Authorization: Bearer <token> with the operator token (Ops:Token) or the read-only token (Ops:ReadToken).").ExecuteAsync(context);
                return;
            }
            if (role == Role.Reader && !reading)
            {
                await Results.Problem(title: "Read-only token", statusCode: StatusCodes.Status403Forbidden,
                    detail: $"The read-only token may not {context.Request.Method} {context.Request.Path}; use the operator token.").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }
}
