using ActorSync.ServiceLayer.Logging;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using PollyCircuitState = Polly.CircuitBreaker.CircuitState;

namespace ActorSync.ServiceLayer.Resilience;

internal sealed record CallInfo(RequestKind Kind, string Method, string Path);

/// <summary>
/// One Polly pipeline per client: retry (outer, jittered exponential, rules in <see cref="RetryRules"/>) around a
/// circuit breaker shared by every call. Attempts report their result as data (<see cref="AttemptResult"/>), never
/// as exceptions, so the breaker counts infrastructure failures only and the retry sees why an attempt failed.
/// The per-attempt timeout lives in <see cref="Transport.WireExchange"/>, inside the attempt, so waiting for a
/// session is never mistaken for SAP being slow.
/// </summary>
internal sealed class ServiceLayerResilience
{
    private static readonly ResiliencePropertyKey<CallInfo> CallKey = new("ActorSync.ServiceLayer.Call");

    private readonly ResiliencePipeline<AttemptResult> _pipeline;
    private readonly CircuitBreakerStateProvider _breaker = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly TimeSpan _maxDelay;
    private long _openUntilUtcTicks;

    public ServiceLayerResilience(RetrySettings retry, CircuitBreakerSettings breaker, TimeProvider time, ILogger log, Func<double>? randomizer = null)
    {
        _time = time;
        _log = log;
        _maxDelay = retry.MaxDelay;

        var builder = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = time };
        if (retry.MaxAttempts > 1)
        {
            var options = new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Context, args.Outcome)),
                // A server's Retry-After beats our own guess (ShouldRetry already refused waits beyond MaxDelay).
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, new CallInfo(RequestKind.Read, "?", "?"));
                    ServiceLayerLog.Retrying(_log, call.Method, call.Path, args.AttemptNumber + 1,
                        args.Outcome.Result?.Reason ?? args.Outcome.Exception?.GetType().Name ?? "?", (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            };
            if (randomizer is not null) options.Randomizer = randomizer;
            builder.AddRetry(options);
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptResult>
        {
            FailureRatio = breaker.FailureRatio,
            MinimumThroughput = breaker.MinimumThroughput,
            SamplingDuration = breaker.SamplingDuration,
            BreakDuration = breaker.BreakDuration,
            StateProvider = _breaker,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.IsInfrastructureFailure == true),
            OnOpened = args =>
            {
                Interlocked.Exchange(ref _openUntilUtcTicks, (_time.GetUtcNow() + args.BreakDuration).UtcTicks);
                ServiceLayerLog.CircuitOpened(_log, args.BreakDuration.TotalSeconds, args.Outcome.Result?.Reason ?? args.Outcome.Exception?.Message ?? "?");
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                ServiceLayerLog.CircuitHalfOpened(_log);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                ServiceLayerLog.CircuitClosed(_log);
                return ValueTask.CompletedTask;
            },
        });
        _pipeline = builder.Build();
    }

    public CircuitState Circuit => _breaker.CircuitState switch
    {
        PollyCircuitState.Closed => CircuitState.Closed,
        PollyCircuitState.HalfOpen => CircuitState.HalfOpen,
        // Polly only moves to half-open when the next call arrives; a health page should already see that the
        // break is over.
        PollyCircuitState.Open => RemainingBreak() is null ? CircuitState.HalfOpen : CircuitState.Open,
        _ => CircuitState.Open, // Isolated (manual), not used by this client
    };

    /// <summary>Runs <paramref name="attempt"/> under retry and breaker. An open circuit comes back as a
    /// <see cref="AttemptDisposition.NotProcessed"/> result, nothing sent.</summary>
    public async Task<AttemptResult> ExecuteAsync(CallInfo call, Func<CancellationToken, ValueTask<AttemptResult>> attempt, CancellationToken ct)
    {
        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, run) => run(ctx.CancellationToken), context, attempt).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            ServiceLayerLog.CircuitRefused(_log, call.Method, call.Path);
            return AttemptResult.CircuitOpen(e.RetryAfter ?? RemainingBreak());
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool ShouldRetry(ResilienceContext context, Outcome<AttemptResult> outcome)
    {
        if (outcome.Result is not { } result) return false; // exceptions: cancellation, login refused, broken circuit
        var kind = context.Properties.GetValue(CallKey, new CallInfo(RequestKind.Create, "?", "?")).Kind;
        if (!RetryRules.MayRetry(kind, result)) return false;
        // Asked to wait longer than we are willing to: hand the Retry-After to the caller instead of sleeping.
        return result.RetryAfter is not { } wait || wait <= _maxDelay;
    }

    private TimeSpan? RemainingBreak()
    {
        var until = new DateTimeOffset(Interlocked.Read(ref _openUntilUtcTicks), TimeSpan.Zero);
        var left = until - _time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }
}
