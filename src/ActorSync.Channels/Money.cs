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
    /// A tax that lies exactly on a half cent may have been rounded either way: half away from zero, or half to even
    /// as banker's rounding (.NET's and many platforms' default) does; 16.90 at 5 % is 0.845, reported as 0.85 or 0.84,
    /// and both are 5 %, not 4.97 % (an unmapped rate that would park the order for finance).
    /// </summary>
    public static decimal DeriveRate(decimal net, decimal tax)
    {
        if (net == 0 || tax == 0)
            return 0m;
        var exact = tax / net * 100m;
        for (var decimals = 0; decimals <= 2; decimals++)
        {
            var candidate = Math.Round(exact, decimals, MidpointRounding.AwayFromZero);
            var computed = net * candidate / 100m;
            if (Cents(computed) == tax || Math.Round(computed, 2, MidpointRounding.ToEven) == tax)
                return candidate;
        }

        return Math.Round(exact, 2, MidpointRounding.AwayFromZero);
    }
}
