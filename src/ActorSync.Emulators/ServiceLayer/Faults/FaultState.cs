using System.Collections.Concurrent;
using ActorSync.Emulators.ServiceLayer.Capacity;

namespace ActorSync.Emulators.ServiceLayer.Faults;

/// <summary>Current injected faults; thread-safe.</summary>
internal sealed class FaultState(TimeProvider clock, RowLockTable rowLocks)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly List<UserLockHold> _userLocks = [];
    private (int Status, long Until)? _outage;

    public int LatencyMs { get; private set; }
    public bool ExpectContinueFails { get; private set; }

    /// <summary>The password an administrator changed the user's to, or null for the start-up one.</summary>
    public string? Password { get; private set; }

    public void SetPassword(string? password) => Password = password;

    public void SetLatency(int milliseconds) => LatencyMs = Math.Max(0, milliseconds);
    public void SetExpectContinueFails(bool fails) => ExpectContinueFails = fails;

    public void SetOutage(OutageFault outage)
    {
        lock (_lock)
        {
            _outage = outage.ForMs <= 0 ? null : (outage.Status, clock.GetTimestamp() + (long)(outage.ForMs / 1000.0 * clock.TimestampFrequency));
        }
    }

    /// <summary>The status to answer with while an outage lasts, or null.</summary>
    public int? CurrentOutage()
    {
        lock (_lock)
        {
            if (_outage is { } outage && clock.GetTimestamp() < outage.Until)
            {
                return outage.Status;
            }

            _outage = null;
            return null;
        }
    }

    public void SetDrop(DropResponseFault drop)
    {
        lock (_lock)
        {
            if (drop.EntitySet == "*")
            {
                _drops.Clear();
            }
            else if (drop.Count <= 0)
            {
                _drops.Remove(drop.EntitySet);
            }
            else
            {
                _drops[drop.EntitySet] = drop.Count;
            }
        }
    }

    /// <summary>True (and one count used up) when a request that created documents in these sets must be cut off.</summary>
    public bool ConsumeDrop(IEnumerable<string> createdSets)
    {
        lock (_lock)
        {
            foreach (var set in createdSets.Distinct(StringComparer.Ordinal))
            {
                if (_drops.TryGetValue(set, out var left) && left > 0)
                {
                    if (left == 1)
                    {
                        _drops.Remove(set);
                    }
                    else
                    {
                        _drops[set] = left - 1;
                    }

                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Replaces the simulated users' locks. A free row is taken at once (so a write right after this call sees
    /// it locked); a row busy with a posting document is taken as soon as that document finishes.
    /// </summary>
    public void SetUserLocks(IReadOnlyList<UserLockFault> locks)
    {
        lock (_lock)
        {
            foreach (var hold in _userLocks)
            {
                hold.Release();
            }

            _userLocks.Clear();
            foreach (var fault in locks)
            {
                _userLocks.Add(UserLockHold.Start(rowLocks.Row(new RowKey(fault.ItemCode, fault.WarehouseCode)), fault));
            }
        }
    }

    public void Clear()
    {
        SetLatency(0);
        SetExpectContinueFails(false);
        SetPassword(null);
        SetUserLocks([]);
        lock (_lock)
        {
            _outage = null;
            _drops.Clear();
        }
    }

    private sealed class UserLockHold
    {
        private readonly CancellationTokenSource _cancel = new();

        public static UserLockHold Start(SemaphoreSlim row, UserLockFault fault)
        {
            var hold = new UserLockHold();
            if (row.Wait(0))
            {
                _ = hold.HoldAsync(row, fault.ForMs);
            }
            else
            {
                _ = hold.WaitThenHoldAsync(row, fault.ForMs);
            }

            return hold;
        }

        private async Task WaitThenHoldAsync(SemaphoreSlim row, int forMs)
        {
            try
            {
                await row.WaitAsync(_cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await HoldAsync(row, forMs).ConfigureAwait(false);
        }

        private async Task HoldAsync(SemaphoreSlim row, int forMs)
        {
            try
            {
                await Task.Delay(forMs, _cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // cleared early
            }
            finally
            {
                row.Release();
            }
        }

        public void Release() => _cancel.Cancel();
    }
}
