namespace ActorSync.Emulators.ServiceLayer.Protocol;

/// <summary>
/// The two Service Layer roots: <c>/b1s/v1</c> speaks OData v3 (JSON light, <c>odata.*</c> annotations) and
/// <c>/b1s/v2</c> speaks OData v4 (<c>@odata.*</c> annotations). Reference §1.
/// </summary>
public enum ODataVersion
{
    V1,
    V2,
}

internal static class ODataVersionExtensions
{
    public static string Segment(this ODataVersion version) => version == ODataVersion.V1 ? "v1" : "v2";

    public static string JsonContentType(this ODataVersion version) => version == ODataVersion.V1
        ? "application/json;odata=minimalmetadata;charset=utf-8"
        : "application/json;odata.metadata=minimal;charset=utf-8";

    /// <summary>The protocol header each version sends with every JSON answer (B1SLayer batch wire samples).</summary>
    public static KeyValuePair<string, string> ProtocolHeader(this ODataVersion version) => version == ODataVersion.V1
        ? new("DataServiceVersion", "3.0")
        : new("OData-Version", "4.0");

    public static string MetadataAnnotation(this ODataVersion version) => version == ODataVersion.V1 ? "odata.metadata" : "@odata.context";
    public static string NextLinkAnnotation(this ODataVersion version) => version == ODataVersion.V1 ? "odata.nextLink" : "@odata.nextLink";
    public static string CountAnnotation(this ODataVersion version) => version == ODataVersion.V1 ? "odata.count" : "@odata.count";
    public static string EntitySuffix(this ODataVersion version) => version == ODataVersion.V1 ? "/@Element" : "/$entity";
}
