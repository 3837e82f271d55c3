using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorSync.Emulators.ServiceLayer;

/// <summary>
/// Certificates made in memory for the emulator's HTTPS (never written to disk): a self-signed one like a real SAP
/// install's (reference §9), and a small CA with the certificates it issues, for the trusted-CA mode. Every one names
/// <c>localhost</c> and <c>127.0.0.1</c>, where the emulator listens.
/// </summary>
public static class EmulatorCertificates
{
    /// <summary>Self-signed, with its private key, as SAP's installer makes it.</summary>
    public static X509Certificate2 SelfSigned(string commonName = "sap-b1-emulator")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(commonName, key);
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Reload(made);
    }

    /// <summary>A root CA (with its private key) that can issue server certificates with <see cref="IssuedBy"/>.</summary>
    public static X509Certificate2 CertificateAuthority(string commonName = "ActorSync Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        return Reload(made);
    }

    /// <summary>A server certificate (with its private key) signed by <paramref name="ca"/>.</summary>
    public static X509Certificate2 IssuedBy(X509Certificate2 ca, string commonName = "sap-b1-emulator")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(commonName, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F; // a positive serial number
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>The certificate's PEM text (public part only), as a CA file holds it.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    /// <summary>SHA-256 thumbprint as <c>openssl x509 -noout -fingerprint -sha256</c> prints it (AB:CD:…).</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) =>
        string.Join(':', Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(c => new string(c)));

    private static CertificateRequest ServerRequest(string commonName, ECDsa key)
    {
        var request = new CertificateRequest($"CN={commonName}, O=ActorSync emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        return request;
    }

    /// <summary>Through PKCS#12 and back: an ephemeral key is not usable by every TLS stack (Windows SChannel).</summary>
    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
}
