using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer;

/// <summary>Configuration of one emulated Service Layer (one company database).</summary>
public sealed class ServiceLayerEmulatorOptions
{
    public string CompanyDb { get; init; } = "SBODEMO";
    public string UserName { get; init; } = "manager";
    public string Password { get; init; } = "manager";

    /// <summary>Cap on concurrent sessions; a login beyond it fails with 401 -118 (see <see cref="SapErrors.TooManySessionsCode"/>).</summary>
    public int MaxSessions { get; init; } = 50;

    /// <summary>Sliding session timeout (SL default 30 minutes). The Login answer reports it in whole minutes (at least 1).</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Collection page size when the request sends neither <c>Prefer: odata.maxpagesize</c> nor <c>B1S-PageSize</c> (SL default 20).</summary>
    public int DefaultPageSize { get; init; } = 20;

    /// <summary>Input of the company generator.</summary>
    public CompanySpec Company { get; init; } = new();

    public CapacityOptions Capacity { get; init; } = CapacityOptions.Off;

    // ---- beyond the minimum shape: switches for behaviours the reference lists as ambiguous ----

    /// <summary>Reported in the Login answer's <c>Version</c>.</summary>
    public string Version { get; init; } = "1000340";

    /// <summary>
    /// Next links are relative by default ("Orders?$select=DocEntry&amp;$skip=20", as most samples); true gives the
    /// absolute-path form of SAP's Orders example ("/b1s/v1/Orders?…"). Reference §5.
    /// </summary>
    public bool AbsoluteNextLinks { get; init; }

    /// <summary>How a row-lock conflict is answered (default 400, -2039, SAP's text).</summary>
    public LockConflictAnswer LockConflict { get; init; } = new();

    /// <summary>B1's "block negative inventory" setting (default on): issues below zero stock fail with -10.</summary>
    public bool BlockNegativeInventory { get; init; } = true;

    /// <summary>
    /// Whether a stock movement also moves the item's UpdateDate/UpdateTime. Default false, as in SAP (issue 11: a
    /// document moving stock does not touch the item's UpdateDate); stock changes are found through
    /// <c>view.svc/StockAuditB1SLQuery</c> and orders changed since.
    /// </summary>
    public bool StockMovesItemUpdateStamp { get; init; }

    /// <summary>
    /// When set, the emulator answers HTTPS with this certificate (it must carry its private key), as real installs
    /// do on :50000 with a self-signed one (reference §1, §9). Null (the default): plain HTTP.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Clock for session timeouts and stamps (tests may pass a fake).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
