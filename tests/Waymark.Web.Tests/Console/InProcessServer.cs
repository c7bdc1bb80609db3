using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The real Waymark host in the test process, on free loopback ports with its own fresh database
/// (SQLite unless told otherwise), so tests can read its endpoint table (every route, as the app
/// itself knows them) and its services.
/// </summary>
public sealed partial class InProcessServer : IAsyncLifetime
{
    private readonly DatabaseEngine _engine;

    /// <summary>The SQLite data folder, when the engine is SQLite: deleted after the app stops.</summary>
    private readonly TempFolder _temp = TempFolder.Create("in-process-server");

    public InProcessServer()
        : this(DatabaseEngine.Sqlite)
    {
    }

    internal InProcessServer(DatabaseEngine engine, TimeProvider? time = null)
    {
        _engine = engine;
        _time = time ?? TimeProvider.System;
    }

    private readonly TimeProvider _time;

    private WebApplication _app = null!;

    public Uri PublicUrl { get; private set; } = null!;

    public Uri ConsoleUrl { get; private set; } = null!;

    internal ConsoleAccounts Accounts => _app.Services.GetRequiredService<ConsoleAccounts>();

    internal WaymarkDatabase Database => _app.Services.GetRequiredService<WaymarkDatabase>();

    /// <summary>Where this server keeps its data (its SQLite files, or its PostgreSQL database).</summary>
    internal StorageSettings Storage { get; private set; } = null!;

    /// <summary>The app's services, for tests that need one of its singletons (such as the counter buffer).</summary>
    internal IServiceProvider Services => _app.Services;

    public async Task InitializeAsync()
    {
        Storage = await TestDatabases.CreateAsync(_engine, _temp);

        // A free port can be taken by another test's process between choosing it and binding it; that says nothing
        // about the product, so the start is tried again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            var ports = TestEnvironment.FreePorts(2);
            var (publicPort, consolePort) = (ports[0], ports[1]);
            _app = await WaymarkServer.BuildAsync(new ServerSettings
            {
                PublicEndpoint = $"127.0.0.1:{publicPort}",
                ConsoleEndpoint = $"127.0.0.1:{consolePort}",
                Storage = Storage,
                Time = _time,

                // The console tests read the demo instruments' answers as stored: served unsealed by explicit choice.
                Surveys = new Waymark.Web.Surveys.SurveyOptions { UnsealedForms = new HashSet<string>(["help-us-help-you", "no-need-for-help"], StringComparer.Ordinal) },
            });
            try
            {
                await _app.StartAsync();
            }
            catch (IOException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await _app.DisposeAsync();
                continue;
            }

            PublicUrl = new Uri($"http://127.0.0.1:{publicPort}");
            ConsoleUrl = new Uri($"http://127.0.0.1:{consolePort}");
            return;
        }
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>Every routed endpoint the app has, with the listener it belongs to.</summary>
    internal IReadOnlyList<RouteEndpoint> Endpoints =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>True when <paramref name="listener"/> serves the endpoint.</summary>
    internal static bool Serves(Endpoint endpoint, Listener listener) => ListenerMetadata.Of(endpoint).Serves(listener);

    /// <summary>A concrete path for a route pattern: languages become "en", any other parameter "1".</summary>
    internal static string PathFor(RouteEndpoint endpoint)
    {
        var path = Parameter().Replace(endpoint.RoutePattern.RawText ?? "", match => match.Groups[1].Value == "lang" ? "en" : "1");
        return path.StartsWith('/') ? path : "/" + path;
    }

    [GeneratedRegex(@"\{\*?\*?([A-Za-z_]+)[^}]*\}")]
    private static partial Regex Parameter();
}
