namespace ActorSync.Channels;

/// <summary>Cent arithmetic shared by the parsers: half away from zero, as SAP rounds per row.</summary>
public static class Money
{
    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>A net unit price to six decimals, the precision SAP keeps for unit prices.</summary>
    public static decimal UnitPrice(decimal netRow, decimal quantity) =>
        quantity == 0 ? 0 : Math.Round(netRow / quantity, 6, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits a gross amount at a rate into net and tax so that net + tax is the gross exactly (Sitoo writes and
    /// BigCommerce's tax-inclusive stores price gross, channels.md §3.2, §5.4): net is rounded, tax takes the rest.
    /// </summary>
    public static (decimal Net, decimal Tax) SplitGross(decimal gross, decimal ratePercent)
    {
        var net = Cents(gross / (1m + ratePercent / 100m));
        return (net, gross - net);
    }

    /// <summary>
    /// The tax rate a channel applied when it reports amounts but no percentage (BigCommerce v2 order products):
    /// the rate with the fewest decimals (0, 1, then 2) that reproduces the reported tax to the cent from the net,
    /// falling back to the exact quotient rounded to 2 decimals. 9.24 on 55.99 gives 16.5 rather than 16.5029.
    /// </summary>
    public static decimal DeriveRate(decimal net, decimal tax)
    {
        if (net == 0 || tax == 0)
            return 0m;
        var exact = tax / net * 100m;
        for (var decimals = 0; decimals <= 2; decimals++)
        {
            var candidate = Math.Round(exact, decimals, MidpointRounding.AwayFromZero);
            if (Cents(net * candidate / 100m) == tax)
                return candidate;
        }

        return Math.Round(exact, 2, MidpointRounding.AwayFromZero);
    }
}
