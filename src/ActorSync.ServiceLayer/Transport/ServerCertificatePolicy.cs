using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorSync.ServiceLayer.Logging;
using Microsoft.Extensions.Logging;

namespace ActorSync.ServiceLayer.Transport;

/// <summary>How SAP's TLS certificate is checked (exactly one of them; see <see cref="ServiceLayerOptions"/>).</summary>
public enum ServerCertificateMode
{
    /// <summary>The machine's normal validation: a chain to a root the OS trusts and the host name of BaseUrl.</summary>
    System,

    /// <summary><c>ServerCertificateThumbprints</c>: the leaf's SHA-256 must be one of the pins; chain and name are not checked.</summary>
    Pinned,

    /// <summary><c>TrustedCaFile</c>: a chain to one of the file's certificates (and only those), and the host name.</summary>
    TrustedCa,

    /// <summary><c>AcceptAnyServerCertificate</c>: nothing is checked. Development only.</summary>
    AcceptAny,
}

/// <summary>
/// SAP's certificate was refused. Every field is public knowledge (the server shows its certificate to anyone who
/// connects): the thumbprint and subject are what the operator compares with SAP's, the message names the key to set.
/// </summary>
/// <param name="Thumbprint">SHA-256 of the presented leaf, as <c>openssl x509 -fingerprint -sha256</c> prints it (AB:CD:…); empty when SAP presented none.</param>
public sealed record CertificateRefusal(ServerCertificateMode Mode, string Thumbprint, string Subject, DateTimeOffset? NotAfter, string Message, DateTimeOffset At);

/// <summary>
/// The TLS check of the connection to SAP, built from <see cref="ServiceLayerOptions"/>. Real installs answer on :50000
/// with a self-signed certificate (reference §1, §9), so the normal check fails there; pinning the certificate's
/// SHA-256 (several, for a renewal) or trusting the company's own CA replaces it without accepting just anything.
/// The last refusal is kept so the failed request can say why (the HTTP stack only reports "SSL connection could not
/// be established") and so health pages can show it until a handshake passes again.
/// </summary>
internal sealed class ServerCertificatePolicy
{
    private readonly HashSet<string> _pins;
    private readonly X509Certificate2Collection _trustedCas;
    private readonly string? _caFile;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private CertificateRefusal? _refusal;

    private ServerCertificatePolicy(ServerCertificateMode mode, HashSet<string> pins, X509Certificate2Collection trustedCas, string? caFile, ILogger log, TimeProvider time)
    {
        (Mode, _pins, _trustedCas, _caFile, _log, _time) = (mode, pins, trustedCas, caFile, log, time);
    }

    public ServerCertificateMode Mode { get; }

    /// <summary>The last certificate refused, until a handshake passes.</summary>
    public CertificateRefusal? Refusal => Volatile.Read(ref _refusal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (via <see cref="ServiceLayerOptions.Validate"/>).</summary>
    public static ServerCertificatePolicy FromOptions(ServiceLayerOptions options, ILogger log, TimeProvider time)
    {
        var pins = ParsePins(options.ServerCertificateThumbprints);
        var caFile = string.IsNullOrWhiteSpace(options.TrustedCaFile) ? null : options.TrustedCaFile.Trim();
        var chosen = new List<string>();
        if (pins.Count > 0) chosen.Add(nameof(ServiceLayerOptions.ServerCertificateThumbprints));
        if (caFile is not null) chosen.Add(nameof(ServiceLayerOptions.TrustedCaFile));
        if (options.AcceptAnyServerCertificate) chosen.Add(nameof(ServiceLayerOptions.AcceptAnyServerCertificate));
        if (chosen.Count > 1)
            throw ServiceLayerOptions.Bad(chosen[1], $"cannot be combined with ServiceLayer:{chosen[0]}: set one way of checking SAP's certificate " +
                "(ServerCertificateThumbprints to pin it, TrustedCaFile to trust the CA that issued it, AcceptAnyServerCertificate for development only).");
        if (chosen.Count == 1 && chosen[0] != nameof(ServiceLayerOptions.AcceptAnyServerCertificate) && options.BaseUrl?.Scheme == Uri.UriSchemeHttp)
            throw ServiceLayerOptions.Bad(chosen[0], $"checks a TLS certificate, but ServiceLayer:BaseUrl is plain http ({options.BaseUrl}); use https://…:50000/.");

        var mode = pins.Count > 0 ? ServerCertificateMode.Pinned
            : caFile is not null ? ServerCertificateMode.TrustedCa
            : options.AcceptAnyServerCertificate ? ServerCertificateMode.AcceptAny
            : ServerCertificateMode.System;
        return new ServerCertificatePolicy(mode, pins, caFile is null ? [] : LoadCas(caFile), caFile, log, time);
    }

    /// <summary>For <see cref="System.Net.Security.SslClientAuthenticationOptions.RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Mode == ServerCertificateMode.AcceptAny) return true;
        // The handshake owns the presented certificate; a copy is made only when it is not an X509Certificate2 already.
        var leaf = presented as X509Certificate2 ?? (presented is null ? null : new X509Certificate2(presented));
        try
        {
            string? problem;
            try
            {
                problem = leaf is null ? "SAP presented no certificate" : Problem(leaf, chain, errors);
            }
            catch (CryptographicException e)
            {
                problem = $"its certificate could not be read ({e.Message})";
            }
            if (problem is null)
            {
                Volatile.Write(ref _refusal, null);
                return true;
            }
            Refuse(leaf, problem);
            return false;
        }
        finally
        {
            if (!ReferenceEquals(leaf, presented)) leaf?.Dispose();
        }
    }

    private string? Problem(X509Certificate2 leaf, X509Chain? chain, SslPolicyErrors errors)
    {
        switch (Mode)
        {
            case ServerCertificateMode.Pinned:
                // The pin names this exact certificate: a self-signed one has no chain to check, and SAP's usually names
                // the server's own host name rather than the address the integration uses.
                return _pins.Contains(leaf.GetCertHashString(HashAlgorithmName.SHA256))
                    ? null
                    : "it matches none of the pinned thumbprints in ServiceLayer:ServerCertificateThumbprints. If SAP's certificate was renewed, " +
                      "check the new one is SAP's and add its thumbprint to ServiceLayer:ServerCertificateThumbprints (keep the old one until every node uses the new)";
            case ServerCertificateMode.TrustedCa:
                if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
                    return "it does not name the host of ServiceLayer:BaseUrl (subject alternative names); connect by the name the certificate was issued for";
                var chainProblem = ChainToTrustedCa(leaf, chain);
                return chainProblem is null ? null
                    : $"it does not chain to a certificate in ServiceLayer:TrustedCaFile ({_caFile}): {chainProblem}";
            default:
                if (errors == SslPolicyErrors.None) return null;
                var what = new List<string>();
                if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) what.Add("it does not name the host of ServiceLayer:BaseUrl");
                if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
                    what.Add($"this machine does not trust its issuer ({ChainStatusText(chain)})");
                return string.Join("; ", what) +
                    ". SAP installs use self-signed certificates: check this one is SAP's and pin it with ServiceLayer:ServerCertificateThumbprints, " +
                    "or trust the CA that issued it with ServiceLayer:TrustedCaFile";
        }
    }

    private string? ChainToTrustedCa(X509Certificate2 leaf, X509Chain? presentedChain)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trustedCas);
        // A company CA for SAP seldom publishes revocation lists; an unreachable CRL would stop every connection.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates SAP sent in the handshake.
        if (presentedChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presentedChain.ChainPolicy.ExtraStore);
            foreach (var element in presentedChain.ChainElements.Skip(1)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        return chain.Build(leaf) ? null : ChainStatusText(chain);
    }

    private static string ChainStatusText(X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToList() ?? [];
        return statuses.Count == 0 ? "the chain could not be built" : string.Join(", ", statuses);
    }

    private void Refuse(X509Certificate2? leaf, string problem)
    {
        var thumbprint = leaf is null ? "" : Colons(leaf.GetCertHashString(HashAlgorithmName.SHA256));
        var subject = leaf?.Subject ?? "";
        DateTimeOffset? notAfter = leaf is null ? null : new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var presented = leaf is null ? "" : $" SAP presented SHA-256 {thumbprint}, subject '{subject}', valid until {notAfter:yyyy-MM-dd}.";
        var message = $"SAP's TLS certificate was refused: {problem}.{presented}";
        var previous = Refusal;
        Volatile.Write(ref _refusal, new CertificateRefusal(Mode, thumbprint, subject, notAfter, message, _time.GetUtcNow()));
        // Every new connection meets the same certificate: log when what is refused changes, not on every attempt.
        if (previous is null || previous.Thumbprint != thumbprint || previous.Message != message)
            ServiceLayerLog.CertificateRefused(_log, Mode.ToString(), message);
    }

    /// <summary>AB:CD:… as openssl prints it, so the operator can compare the two by eye.</summary>
    internal static string Colons(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));

    /// <summary>Each entry is one thumbprint or several separated by commas, semicolons or spaces (one environment
    /// variable can hold the old and the new during a renewal). Upper-case hex, without colons.</summary>
    private static HashSet<string> ParsePins(IList<string>? entries)
    {
        var pins = new HashSet<string>(StringComparer.Ordinal);
        if (entries is null) return pins;
        for (var i = 0; i < entries.Count; i++)
        {
            foreach (var text in (entries[i] ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                var hex = text.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
                if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                {
                    var hint = hex.Length == 40 && hex.All(char.IsAsciiHexDigit) ? " (that is a SHA-1 thumbprint; use openssl x509 -fingerprint -sha256)" : "";
                    throw ServiceLayerOptions.Bad($"ServerCertificateThumbprints[{i}]",
                        $"must be SHA-256 thumbprints: 64 hex digits each, with or without colons (was '{text}'){hint}.");
                }
                pins.Add(hex);
            }
        }
        return pins;
    }

    private static X509Certificate2Collection LoadCas(string path)
    {
        var cas = new X509Certificate2Collection();
        try
        {
            cas.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw ServiceLayerOptions.Bad(nameof(ServiceLayerOptions.TrustedCaFile), $"could not be read as a PEM file of CA certificates ({path}): {e.Message}");
        }
        if (cas.Count == 0)
            throw ServiceLayerOptions.Bad(nameof(ServiceLayerOptions.TrustedCaFile), $"holds no PEM certificate (-----BEGIN CERTIFICATE-----) ({path}).");
        return cas;
    }

    /// <summary>The thumbprint of a certificate as this client compares it (for tests and tools).</summary>
    public static string ThumbprintOf(X509Certificate2 certificate) =>
        Colons(certificate.GetCertHashString(HashAlgorithmName.SHA256));
}
