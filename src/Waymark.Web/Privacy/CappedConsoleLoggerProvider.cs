using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Waymark.Web.Privacy;

/// <summary>
/// The console log's provider, with a floor in code for the framework's categories: below
/// <see cref="WaymarkLogging.FrameworkFloor"/> nothing from <c>Microsoft.AspNetCore</c> is written,
/// whatever the configuration says (a <c>Logging:LogLevel</c> or <c>Logging:Console:LogLevel</c> rule
/// for any category, however specific, cannot lower it), so raising the log level cannot bring back
/// per-request lines that name a page (a redirect's target, a route, an endpoint).
/// </summary>
[ProviderAlias("Console")]
internal sealed class CappedConsoleLoggerProvider(ConsoleLoggerProvider inner) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return WaymarkLogging.IsSilenced(categoryName) ? NullLogger.Instance
            : WaymarkLogging.IsFramework(categoryName) ? new Floored(logger)
            : logger;
    }

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => inner.SetScopeProvider(scopeProvider);

    public void Dispose() => inner.Dispose();

    private sealed class Floored(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= WaymarkLogging.FrameworkFloor && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
