namespace ActorSync.ServiceLayer;

/// <summary>State of the client's circuit breaker, for health pages.</summary>
public enum CircuitState
{
    /// <summary>Requests flow.</summary>
    Closed,

    /// <summary>Too many failures: calls are refused without sending until the break is over.</summary>
    Open,

    /// <summary>The break is over: the next request probes whether SAP is back.</summary>
    HalfOpen,
}
