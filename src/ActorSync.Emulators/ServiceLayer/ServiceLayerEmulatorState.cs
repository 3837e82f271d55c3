using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Control;
using ActorSync.Emulators.ServiceLayer.Documents;
using ActorSync.Emulators.ServiceLayer.Engine;
using ActorSync.Emulators.ServiceLayer.Faults;
using ActorSync.Emulators.ServiceLayer.Querying;
using ActorSync.Emulators.ServiceLayer.Sessions;

namespace ActorSync.Emulators.ServiceLayer;

/// <summary>
/// Everything one emulated Service Layer holds: the company, sessions, statistics, faults and the capacity model.
/// Map it into any ASP.NET Core app with <c>app.MapServiceLayerEmulator(state)</c>.
/// </summary>
public sealed class ServiceLayerEmulatorState
{
    public ServiceLayerEmulatorState(ServiceLayerEmulatorOptions? options = null)
    {
        Options = options ?? new ServiceLayerEmulatorOptions();
        Clock = Options.Clock;
        Company = new CompanyData(Options.Company) { StockMovesItemStamp = Options.StockMovesItemUpdateStamp };
        Rules = new PostingRules(Company, new PostingOptions { BlockNegativeInventory = Options.BlockNegativeInventory });
        Catalog = new ResourceCatalog(Company);
        Sessions = new SessionStore(Clock, Options.SessionTimeout, Options.MaxSessions);
        Stats = new StatsCollector();
        RowLocks = new RowLockTable();
        Faults = new FaultState(Clock, RowLocks);
        Capacity = new CapacityModel(Options.Capacity);
        People = new SimulatedPeople(Capacity);
        Engine = new ServiceLayerEngine(this);
    }

    public ServiceLayerEmulatorOptions Options { get; }
    public CompanyData Company { get; }

    internal TimeProvider Clock { get; }
    internal PostingRules Rules { get; }
    internal ResourceCatalog Catalog { get; }
    internal SessionStore Sessions { get; }
    internal StatsCollector Stats { get; }
    internal RowLockTable RowLocks { get; }
    internal FaultState Faults { get; }
    internal CapacityModel Capacity { get; }
    internal SimulatedPeople People { get; }
    internal ServiceLayerEngine Engine { get; }

    /// <summary>The capacity model currently in force (faults may change it at run time).</summary>
    public CapacityOptions CurrentCapacity => Capacity.Options;

    public EmulatorStats GetStats() => Stats.Snapshot(Sessions.Stats()) with { People = People.Snapshot() };

    /// <summary>Applies fault settings; null fields leave that fault unchanged.</summary>
    public void ApplyFaults(FaultSettings faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Clear == true)
        {
            Faults.Clear();
            Capacity.Reconfigure(Options.Capacity);
            People.Stop();
        }

        if (faults.LatencyMs is { } latency)
        {
            Faults.SetLatency(latency);
        }

        if (faults.Outage is { } outage)
        {
            Faults.SetOutage(outage);
        }

        if (faults.ExpireAllSessions == true)
        {
            Sessions.ExpireAll();
        }

        if (faults.DropResponseAfterCommit is { } drop)
        {
            Faults.SetDrop(drop);
        }

        if (faults.UserLocks is { } userLocks)
        {
            Faults.SetUserLocks(userLocks);
        }

        if (faults.Password is { } password)
        {
            Faults.SetPassword(password);
        }

        if (faults.Capacity is { } capacity)
        {
            Capacity.Reconfigure(capacity);
        }

        if (faults.ExpectContinueFails is { } expectContinue)
        {
            Faults.SetExpectContinueFails(expectContinue);
        }

        if (faults.People is { } people)
        {
            People.Start(people);
        }
    }

    /// <summary>Company back to its generated state, statistics zeroed, faults cleared, sessions dropped.</summary>
    public void Reset()
    {
        Faults.Clear();
        Capacity.Reconfigure(Options.Capacity);
        People.Stop();
        People.ResetLatencies();
        Company.ResetToGenerated();
        Sessions.Reset();
        Stats.Reset();
    }
}
