using System.Diagnostics;
using ActorSync.Cli.Map;
using ActorSync.Domain.Mapping;
using Microsoft.Extensions.Configuration;

namespace ActorSync.Cli.Tests.Map;

public class UsageSpecs
{
    [Fact]
    public void No_arguments_is_a_usage_error_listing_the_commands()
    {
        var run = CliRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("map ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error_naming_it()
    {
        var run = CliRun.Of("cluster-dance");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'cluster-dance'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        Assert.Equal(0, CliRun.Of("--help").ExitCode);
        var help = CliRun.Of("map", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--master-data", help.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "map" }, "expected a channel and a payload file")]
    [InlineData(new[] { "map", "shopify", "x.json" }, "unknown channel 'shopify'")]
    [InlineData(new[] { "map", "magento", "/nope/order.json" }, "Payload file '/nope/order.json' does not exist")]
    [InlineData(new[] { "map", "magento", "a.json", "b.json" }, "unexpected argument 'b.json'")]
    [InlineData(new[] { "map", "magento", "a.json", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "map", "magento", "a.json", "--mapping" }, "option '--mapping' needs a value")]
    [InlineData(new[] { "map", "wms", "a.json", "--window", "soon" }, "--window must be a positive duration like 15m, 1h or 00:15:00, was 'soon'")]
    public void Bad_usage_exits_2_with_the_problem_on_stderr(string[] args, string message)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_malformed_payload_exits_2_naming_the_file_and_the_problem()
    {
        using var file = TestFiles.Temp("{\"increment_id\": \"1\",");

        var run = CliRun.Of("map", "magento", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{file.Path}: magento payload: $ is not valid JSON", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_missing_a_required_field_exits_2_naming_the_field()
    {
        var json = File.ReadAllText(TestFiles.Fixture("sitoo/order.json")).Replace("\"moneytotal_gross_all\"", "\"moneytotal_gross\"", StringComparison.Ordinal);
        using var file = TestFiles.Temp(json);

        var run = CliRun.Of("map", "sitoo", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sitoo payload: moneytotal_gross_all is missing", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_of_another_channel_exits_2()
    {
        var run = CliRun.Of("map", "sitoo", TestFiles.Fixture("magento/order.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a Sitoo payload this command knows", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_with_a_bad_value_exits_2_naming_the_key()
    {
        var json = File.ReadAllText(TestFiles.Config("mapping.example.json"))
            .Replace("\"flatrate_flatrate\": \"1\"", "\"flatrate_flatrate\": \"x\"", StringComparison.Ordinal);
        using var mapping = TestFiles.Temp(json);

        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--mapping", mapping.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Mapping:ShippingTypes:flatrate_flatrate must be a positive ShippingTypes code, was 'x'", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"Mapping\": { ", "is not valid JSON")]
    [InlineData("{}", "Mapping:Channels must configure at least one channel")]
    public void An_unreadable_or_empty_mapping_file_exits_2(string json, string message)
    {
        using var mapping = TestFiles.Temp(json);

        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--mapping", mapping.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_that_points_at_codes_sap_lacks_exits_2_when_master_data_is_given()
    {
        var json = File.ReadAllText(TestFiles.Config("mapping.example.json")).Replace("\"Account\": \"161010\"", "\"Account\": \"999999\"", StringComparison.Ordinal);
        using var mapping = TestFiles.Temp(json);

        var run = CliRun.Of("map", "sitoo", TestFiles.Fixture("sitoo/orders_list.json"), "--mapping", mapping.Path, "--master-data", TestFiles.Config("master-data.example.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Mapping:PaymentMethods:Credit Card:Account names G/L account '999999', which SAP does not have", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_master_data_file_with_an_unknown_field_exits_2()
    {
        using var file = TestFiles.Temp("""{ "asOf": "2030-01-15", "itemz": [] }""");

        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("itemz", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_master_data_partner_currency_that_is_no_currency_code_exits_2_naming_it()
    {
        using var file = TestFiles.Temp("""{ "asOf": "2030-01-15", "localCurrency": "EUR", "businessPartners": [ { "cardCode": "WEBGUEST", "currency": "EURO" } ] }""");

        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("businessPartners[0].currency must be a three-letter currency code", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_master_data_item_without_its_code_exits_2_naming_it()
    {
        using var file = TestFiles.Temp("""{ "asOf": "2030-01-15", "items": [ { "active": true } ] }""");

        var run = CliRun.Of("map", "magento", TestFiles.Fixture("magento/order.json"), "--master-data", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("items[0].itemCode is missing", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_mapping_binds_through_configuration_and_validates()
    {
        var (settings, _) = MappingFile.Load(TestFiles.Config("mapping.example.json"));

        Assert.Empty(settings.Validate());
        Assert.Equal("02", settings.Channels["sitoo"].Locations["1"].Warehouse);
        Assert.Equal(["01", "03"], settings.Channels["magento"].Locations["default"].SellableWarehouses);
        var mapping = settings.ToOrderMapping();
        Assert.Equal(("161010", PaymentMeans.Transfer), (mapping.PaymentAccounts["card"].Account, mapping.PaymentAccounts["card"].Means));
        Assert.Equal(1, mapping.ShippingTypes["tablerate_bestway"]);
        Assert.Equal(2m, mapping.Locations["magento"]["default"].SafetyBuffer);
    }

    [Fact]
    public void A_bad_value_arriving_through_any_configuration_source_is_named_by_its_key()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(TestFiles.Config("mapping.example.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mapping:ShippingTypes:flatrate_flatrate"] = "x",
                ["Mapping:Channels:sitoo:Locations:1:SafetyBuffer"] = "lots",
            })
            .Build();
        var settings = new MappingSettings();

        configuration.GetSection(MappingSettings.SectionName).Bind(settings);

        Assert.Equal(
            ["Mapping:Channels:sitoo:Locations:1:SafetyBuffer must be a quantity of 0 or more, was 'lots'",
             "Mapping:ShippingTypes:flatrate_flatrate must be a positive ShippingTypes code, was 'x'"],
            settings.Validate());
    }

    [Fact]
    public void The_built_tool_is_named_actorsync_and_runs_as_a_process()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "actorsync.dll");
        Assert.True(File.Exists(dll));
        var start = new ProcessStartInfo("dotnet", [dll, "map", "bigcommerce", TestFiles.Fixture("bigcommerce/store_shipment_created.json")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("GET /v2/orders/251/shipments/12", stdout, StringComparison.Ordinal);
    }
}
