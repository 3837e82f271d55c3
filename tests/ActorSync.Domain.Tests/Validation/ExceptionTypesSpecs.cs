using ActorSync.Domain.Exceptions;

namespace ActorSync.Domain.Tests.Validation;

public class ExceptionTypesSpecs
{
    public static IEnumerable<object[]> Factories() =>
    [
        [ExceptionTypes.UnknownSku("r"), "unknown-sku", OwningTeam.Merchandising],
        [ExceptionTypes.InactiveItem("r"), "inactive-item", OwningTeam.Merchandising],
        [ExceptionTypes.BatchAllocationImpossible("r"), "batch-allocation", OwningTeam.Operations],
        [ExceptionTypes.SerialAllocationImpossible("r"), "serial-allocation", OwningTeam.Operations],
        [ExceptionTypes.InsufficientStock("r"), "insufficient-stock", OwningTeam.Operations],
        [ExceptionTypes.UnmappedWarehouse("r"), "unmapped-warehouse", OwningTeam.Operations],
        [ExceptionTypes.UnmappedPaymentMethod("r"), "unmapped-payment-method", OwningTeam.Finance],
        [ExceptionTypes.TotalsMismatch("r"), "totals-mismatch", OwningTeam.Finance],
        [ExceptionTypes.TaxRateMismatch("r"), "tax-rate-mismatch", OwningTeam.Finance],
        [ExceptionTypes.UnknownVatGroup("r"), "unknown-vat-group", OwningTeam.Finance],
        [ExceptionTypes.CurrencyNotAccepted("r"), "currency-not-accepted", OwningTeam.Finance],
        [ExceptionTypes.UnknownShippingType("r"), "unknown-shipping-type", OwningTeam.Operations],
        [ExceptionTypes.UnknownWarehouse("r"), "unknown-warehouse", OwningTeam.Operations],
        [ExceptionTypes.UnknownGlAccount("r"), "unknown-gl-account", OwningTeam.Finance],
        [ExceptionTypes.UnknownCustomer("r"), "unknown-customer", OwningTeam.CustomerService],
        [ExceptionTypes.InactiveCustomer("r"), "inactive-customer", OwningTeam.CustomerService],
        [ExceptionTypes.InvalidAddress("r"), "invalid-address", OwningTeam.CustomerService],
        [ExceptionTypes.UnmappedShippingRefund("r"), "unmapped-shipping-refund", OwningTeam.Finance],
        [ExceptionTypes.TrackingRejected("r"), "tracking-rejected", OwningTeam.CustomerService],
    ];

    [Theory]
    [MemberData(nameof(Factories))]
    public void Each_exception_type_has_its_owner_the_reason_given_and_a_next_step(ExceptionDetails details, string type, OwningTeam team)
    {
        Assert.Equal((type, team, "r"), (details.Type, details.Team, details.Reason));
        Assert.True(details.SuggestedAction.Length > 20, details.SuggestedAction);
    }

    [Fact]
    public void A_refusal_for_a_missing_exchange_rate_goes_to_finance_with_SAPs_words()
    {
        var details = ExceptionTypes.ForSapRefusal("-10", "Update the exchange rate , 'USD'");
        Assert.Equal(("exchange-rate-missing", OwningTeam.Finance), (details.Type, details.Team));
        Assert.Contains("'USD'", details.Reason);
        Assert.Contains("rate", details.SuggestedAction);
    }

    [Fact]
    public void Any_other_SAP_refusal_is_read_by_integration_first()
    {
        var details = ExceptionTypes.ForSapRefusal("-5002", "Enter a valid item code");
        Assert.Equal(("sap-rejected", OwningTeam.Integration), (details.Type, details.Team));
        Assert.Equal("SAP answered -5002: Enter a valid item code", details.Reason);
    }
}
