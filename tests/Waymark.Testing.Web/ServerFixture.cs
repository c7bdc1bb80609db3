using Xunit;

namespace Waymark.Testing;

/// <summary>One real <c>waymark serve</c> (SQLite) shared by the tests of a class: <c>IClassFixture&lt;ServerFixture&gt;</c>.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ServerProcess.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync() => await Server.DisposeAsync().ConfigureAwait(false);
}
