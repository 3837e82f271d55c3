using ActorSync.Domain.Connectors.Sitoo;

namespace ActorSync.Domain.Tests.Connectors;

/// <summary>Why a Sitoo order is posted, held, cancelled or ignored, in the words the inbox shows an operator.</summary>
public class SitooGateWordsSpecs
{
    [Theory]
    [InlineData(10, 10, 20, SitooOrderVerdict.Post, "ordertypeid 10, orderstateid 10, paymentstateid 20: paid")]
    [InlineData(10, 10, 30, SitooOrderVerdict.Ignore, "ordertypeid 10, orderstateid 10, paymentstateid 30: payment cancelled")]
    [InlineData(10, 10, 40, SitooOrderVerdict.Ignore, "ordertypeid 10, orderstateid 10, paymentstateid 40: payment failed")]
    [InlineData(10, 10, 0, SitooOrderVerdict.Hold, "ordertypeid 10, orderstateid 10, paymentstateid 0: payment none yet")]
    [InlineData(10, 10, 10, SitooOrderVerdict.Hold, "ordertypeid 10, orderstateid 10, paymentstateid 10: payment pending")]
    [InlineData(10, 10, 15, SitooOrderVerdict.Hold, "ordertypeid 10, orderstateid 10, paymentstateid 15: payment reserved")]
    [InlineData(10, 10, 99, SitooOrderVerdict.Hold, "ordertypeid 10, orderstateid 10, paymentstateid 99: payment state unknown")]
    [InlineData(10, 20, 20, SitooOrderVerdict.Cancel, "ordertypeid 10, orderstateid 20, paymentstateid 20: cancelled in Sitoo")]
    [InlineData(10, -1, 0, SitooOrderVerdict.Ignore, "ordertypeid 10, orderstateid -1, paymentstateid 0: abandoned")]
    [InlineData(100, 10, 20, SitooOrderVerdict.Hold, "ordertypeid 100, orderstateid 10, paymentstateid 20: a booking, not a sale yet")]
    [InlineData(110, 10, 20, SitooOrderVerdict.Hold, "ordertypeid 110, orderstateid 10, paymentstateid 20: a parked POS sale")]
    public void Each_combination_says_why(int type, int state, int payment, SitooOrderVerdict verdict, string reason)
    {
        Assert.Equal((verdict, reason), SitooOrderGate.Of(type, state, payment));
    }
}
