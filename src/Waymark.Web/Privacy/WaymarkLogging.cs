using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Waymark.Web.Privacy;

/// <summary>
/// Logging that cannot record who a visitor is. The framework categories that write request
/// lines (with full URL and query string), headers or bodies are switched off, and every other
/// framework category is kept at <see cref="FrameworkFloor"/> or above, by the console provider itself
/// (<see cref="CappedConsoleLoggerProvider"/>), so no appsettings or environment variable, however
/// specific its rule, can turn them back on.
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

    /// <summary>
    /// Below this level nothing from the framework's own categories (<c>Microsoft.AspNetCore.*</c>) is
    /// written, in code, whatever the configuration: their informational and debug lines are per
    /// request and name the page (a redirect's target, a route, an endpoint).
    /// </summary>
    internal const LogLevel FrameworkFloor = LogLevel.Warning;

    internal static bool IsFramework(string category) => category.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal);

    internal static bool IsSilenced(string category) =>
        SilencedCategories.Any(silenced => category == silenced || category.StartsWith(silenced + ".", StringComparison.Ordinal));

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

        // The console provider is wrapped so that the silenced categories and the framework floor hold
        // in code: filter rules alone can be outdone by a more specific rule in the configuration.
        foreach (var console in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            logging.Services.Remove(console);
        }

        logging.Services.AddSingleton<ILoggerProvider>(services => new CappedConsoleLoggerProvider(
            new ConsoleLoggerProvider(services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), services.GetServices<ConsoleFormatter>())));
        foreach (var category in SilencedCategories)
        {
            logging.AddFilter(category, LogLevel.None);
        }

        // The key ring is kept unencrypted in the database by design (docs/adr/0002-storage.md):
        // the framework's warning about it on every new key would only train operators to ignore warnings.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
    }
}
