namespace ActorSync.ServiceLayer.Transport;

/// <summary>
/// Builds request URLs under the service root (<c>…/b1s/v1/</c>) and resolves next links. Paths are passed through
/// as written: SL resource paths are case-sensitive (reference §1), so nothing here changes their case.
/// </summary>
internal sealed class ServiceLayerUrls
{
    private readonly string _rootText;

    public ServiceLayerUrls(Uri serviceRoot)
    {
        Root = serviceRoot;
        _rootText = serviceRoot.AbsoluteUri;
        Authority = new Uri(serviceRoot.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>e.g. https://sap:50000/b1s/v1/</summary>
    public Uri Root { get; }

    /// <summary>e.g. https://sap:50000</summary>
    public Uri Authority { get; }

    /// <summary>e.g. /b1s/v1/ — the prefix of request lines inside <c>$batch</c> (reference §7).</summary>
    public string RootPath => Root.AbsolutePath;

    /// <summary>"Items('A1')", "Orders?$filter=…" → absolute URI under the root. Spaces and other characters a URL
    /// cannot carry are escaped by <see cref="Uri"/>; existing %XX escapes are kept.</summary>
    public Uri Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Pass a path relative to the service root (such as \"Items('A1')\"), not a URL: {path}", nameof(path));
        return new Uri(_rootText + path.TrimStart('/'));
    }

    /// <summary>
    /// Resolves a next link in any of the shapes SAP uses (reference §5): relative to the root
    /// (<c>Orders?$skip=20</c>), absolute path (<c>/b1s/v1/Orders?$skip=20</c>) or a full URL. A full URL must point at
    /// the same scheme, host and port: the session cookie goes wherever we follow it.
    /// </summary>
    public Uri ResolveNextLink(string link)
    {
        // Checked before Uri.TryCreate: on Unix "/b1s/v1/Orders" parses as an absolute file:// URI.
        if (link.StartsWith('/'))
            return new Uri(Authority, link);

        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) &&
            (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (Uri.Compare(absolute, Root, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) != 0)
                throw new ServiceLayerException(new ServiceLayerError(0, ClientErrorCodes.ForeignNextLink,
                    $"SAP's next link points to another server ({absolute.GetLeftPart(UriPartial.Authority)}); not following it with this session",
                    ErrorCategory.Unknown));
            return absolute;
        }

        return new Uri(_rootText + link);
    }

    /// <summary>Path and query as they appear in a <c>$batch</c> request line: "/b1s/v1/Orders". A Content-ID
    /// reference such as "$1" or "$1/Lines" is passed through untouched (reference §7).</summary>
    public string BatchRequestTarget(string path)
    {
        if (path.StartsWith('$') && path.Length > 1 && char.IsAsciiDigit(path[1]))
            return path;
        return Resolve(path).PathAndQuery;
    }
}
