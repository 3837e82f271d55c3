using System.Collections.Immutable;

namespace ActorSync.Domain.Catalogue;

/// <summary>SAP's latest products for one channel (from the items reader); the publisher answers once it journaled what is owed.</summary>
public sealed record OfferProducts(ImmutableList<ChannelProduct> Products);

public sealed record ProductsOffered(int Count, int Owed);

/// <summary>Asks a catalogue publisher (or the reader) for its figures.</summary>
public sealed record GetCatalogue
{
    public static readonly GetCatalogue Instance = new();
}

/// <summary>An operator's retry of a refused product (record id <c>&lt;channel&gt;/&lt;sku&gt;</c>).</summary>
public sealed record RetryRefusedProduct(string Sku);

public sealed record RetryRefusedProductResult(bool Accepted, string Message);

/// <summary>A catalogue publisher's figures.</summary>
public sealed record CatalogueChannelView(string Channel, int Told, int Owed, int Refused, long Calls, long ItemsSent,
    long CallsThisRun, long RateLimited, long Failures, string State, DateTimeOffset? WaitingUntil, string? LastProblem);

/// <summary>The items reader's figures.</summary>
public sealed record CatalogueReaderView(bool FullReadDone, DateTime? Through, string LastCode, long ItemsRead, string? LastProblem);
