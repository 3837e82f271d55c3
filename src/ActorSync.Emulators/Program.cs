using ActorSync.Emulators.Channels.BigCommerce;
using ActorSync.Emulators.Channels.Magento;
using ActorSync.Emulators.Channels.Wms;
using ActorSync.Emulators.Channels.Sitoo;
using ActorSync.Emulators.ServiceLayer.Hosting;

// Each emulator is a sub-command.
return args switch
{
    ["sap", .. var rest] => await ServiceLayerCommand.RunAsync(rest),
    ["magento", .. var rest] => await MagentoCommand.RunAsync(rest),
    ["bigcommerce", .. var rest] => await BigCommerceCommand.RunAsync(rest),
    ["wms", .. var rest] => await WmsCommand.RunAsync(rest),
    ["sitoo", .. var rest] => await SitooCommand.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ActorSync.Emulators <emulator> [options]");
    Console.Error.WriteLine("emulators:");
    Console.Error.WriteLine("  sap          SAP Business One Service Layer emulator (sap --help for options)");
    Console.Error.WriteLine("  magento      Magento 2 REST: orders, shipments (magento --help)");
    Console.Error.WriteLine("  bigcommerce  BigCommerce v2 orders, products, addresses, shipments (bigcommerce --help)");
    Console.Error.WriteLine("  wms          a warehouse system pushing signed events and Mintsoft despatches (wms --help)");
    Console.Error.WriteLine("  sitoo        Sitoo v2 orders, warehouse transactions, products, Events SPI (sitoo --help)");
    return 2;
}
