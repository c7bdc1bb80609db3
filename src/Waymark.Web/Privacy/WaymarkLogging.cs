namespace Waymark.Web.Privacy;

/// <summary>
/// Logging that cannot record who a visitor is. The framework categories that write request
/// lines (with full URL and query string), headers or bodies are switched off in code, after the
/// configuration is read, so no appsettings or environment variable can turn them back on.
/// </summary>
internal static class WaymarkLogging
{
    /// <summary>Framework categories that would log URLs, query strings, headers or bodies.</summary>
    internal static readonly string[] SilencedCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http",
        "Microsoft.AspNetCore.Server.Kestrel.Connections",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.AspNetCore.Localization",
    ];

    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.IncludeScopes = false;
            // No timestamp: the console log never carries the time of a visit.
            options.TimestampFormat = null;
        });
        foreach (var category in SilencedCategories)
        {
            logging.AddFilter(category, LogLevel.None);
        }

        // The key ring is kept unencrypted in the database by design (docs/adr/0002-storage.md):
        // the framework's warning about it on every new key would only train operators to ignore warnings.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
    }
}
