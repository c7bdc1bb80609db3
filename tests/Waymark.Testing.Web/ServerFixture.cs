using Xunit;

namespace Waymark.Testing;

/// <summary>
/// One real <c>waymark serve</c> (SQLite) shared by the tests of a class: <c>IClassFixture&lt;ServerFixture&gt;</c>, or a
/// subclass that gives the server its environment. A start costs seconds of CPU, so tests that only need <em>a</em>
/// server share one; a test that needs a fresh database, a restart or a crash starts its own.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync(await EnvironmentAsync().ConfigureAwait(false)).ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        Temp.Dispose();
    }

    /// <summary>Folders the environment points the server at (forms, keys): deleted after the server stops.</summary>
    protected TempFolder Temp { get; } = TempFolder.Create("server-environment");

    /// <summary>The environment the shared server starts with (none by default), made once, as the fixture starts.</summary>
    protected virtual Task<IDictionary<string, string>?> EnvironmentAsync() => Task.FromResult<IDictionary<string, string>?>(null);
}
