namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>Input of the deterministic company generator: the same spec always yields the same company.</summary>
public sealed record CompanySpec
{
    /// <summary>Seed for quantities, prices, batches and serials. Codes and item kinds do not depend on it.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of items, ITM00001…; from a handful to a million.</summary>
    public int Items { get; init; } = 200;

    /// <summary>Number of numbered customers C00001…; the guests, the inactive customer and the supplier come on top.</summary>
    public int Customers { get; init; } = 50;

    /// <summary>
    /// Date stamped on generated master data (CreateDate/UpdateDate) and the anchor of batch expiry dates, so
    /// the generated company does not change with the calendar.
    /// </summary>
    public DateOnly BaseDate { get; init; } = new(2025, 1, 1);

    /// <summary>
    /// Batches expire 30–730 days after this date, so they stay usable for years whatever the calendar says
    /// (except the deliberately expired ones, see <see cref="CompanyCatalog.HasExpiredBatch"/>).
    /// </summary>
    public DateOnly BatchExpiryBase { get; init; } = new(2030, 1, 1);
}
