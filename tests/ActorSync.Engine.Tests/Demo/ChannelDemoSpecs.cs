using ActorSync.Engine.Tests.Infrastructure;
using ActorSync.Host.Demo;
using Xunit.Abstractions;

namespace ActorSync.Engine.Tests.Demo;

/// <summary>
/// <c>actorsync demo</c> end to end, small: the emulators and the service in this process, orders through the Magento
/// poll, BigCommerce webhooks and the Sitoo SPI and poll, dispatches from the WMS, tracking back to the shops, refunds
/// and till returns; the run ends with every expected document in SAP exactly once.
/// </summary>
public class ChannelDemoSpecs(ITestOutputHelper log)
{
    [Fact]
    public async Task A_small_peak_through_every_channel_ends_with_every_document_in_SAP_once_and_one_shipment_per_dispatch()
    {
        var folder = Path.Combine(Path.GetTempPath(), "actorsync-demo-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        try
        {
            var options = new DemoOptions(Orders: 40, Items: 400, TimeScale: 0.02, Sessions: 3, DataFolder: folder, Direct: false);
            var outcome = await ChannelDemo.RunAsync(options, EngineTestHost.TestHocon(), output, deadline: TimeSpan.FromSeconds(90),
                peak: TimeSpan.FromSeconds(2), settle: TimeSpan.FromMilliseconds(500));

            log.WriteLine(output.ToString());
            Assert.True(outcome.Succeeded, output.ToString());
            var tally = outcome.Tally;
            Assert.Equal(0, tally.Duplicates);
            // Every flow ran and finished: a flow with nothing expected would pass without proving anything.
            foreach (var (channel, flow) in new[]
            {
                ("magento", DemoFlow.Order), ("magento", DemoFlow.Dispatch), ("magento", DemoFlow.Payment), ("magento", DemoFlow.Tracking), ("magento", DemoFlow.Refund),
                ("bigcommerce", DemoFlow.Order), ("bigcommerce", DemoFlow.Dispatch), ("bigcommerce", DemoFlow.Payment), ("bigcommerce", DemoFlow.Tracking),
                ("bigcommerce", DemoFlow.Refund), ("sitoo", DemoFlow.Order), ("sitoo", DemoFlow.Dispatch), ("sitoo", DemoFlow.Payment), ("sitoo", DemoFlow.PosSale),
                ("sitoo", DemoFlow.PosReturn),
            })
            {
                var f = tally.Of(channel, flow);
                Assert.True(f.Expected > 0 && f.Done == f.Expected, $"{channel} {flow}: {f.Done} of {f.Expected}\n{output}");
            }
            // One shop shipment per dispatched Magento and BigCommerce order, no more.
            Assert.Equal(tally.Of("magento", DemoFlow.Dispatch).Expected, tally.Of("magento", DemoFlow.Tracking).Done);
            Assert.Equal(tally.Of("bigcommerce", DemoFlow.Dispatch).Expected, tally.Of("bigcommerce", DemoFlow.Tracking).Done);
            Assert.Contains("Every expected document is in SAP exactly once", output.ToString(), StringComparison.Ordinal);
            // The shops were told SAP's stock while the peak ran, and ended showing what SAP says they may sell.
            Assert.Contains("Every shop shows what SAP says it may sell", output.ToString(), StringComparison.Ordinal);
            Assert.True(File.Exists(outcome.LogFile));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may hold the file a moment after the service stopped; the temp folder is the OS's to clean.
            }
        }
    }
}
