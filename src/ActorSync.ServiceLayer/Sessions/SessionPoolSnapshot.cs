namespace ActorSync.ServiceLayer;

/// <summary>Counters of the session pool, for health pages and tests.</summary>
/// <param name="Open">Sessions logged in right now (idle + leased).</param>
/// <param name="Leased">Sessions in use by a request right now.</param>
/// <param name="Peak">Most sessions ever open at once (never above <see cref="Capacity"/>).</param>
/// <param name="Logins">Logins that created a session.</param>
/// <param name="Relogins">Logins that replaced an expired or invalid session in place.</param>
/// <param name="Waiting">Requests waiting for a session.</param>
/// <param name="Capacity"><see cref="ServiceLayerOptions.MaxSessions"/>.</param>
public sealed record SessionPoolSnapshot(int Open, int Leased, int Peak, long Logins, long Relogins, int Waiting, int Capacity);
