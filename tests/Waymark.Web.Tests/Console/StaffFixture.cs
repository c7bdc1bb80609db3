using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>An in-process server with one signed-in session per role (xunit class fixture).</summary>
public sealed class StaffFixture : IAsyncLifetime
{
    public const string Password = "a long enough test password";

    private readonly Dictionary<ConsoleRole, ConsoleSession> _sessions = [];

    public InProcessServer Server { get; } = new();

    internal ConsoleSession SessionOf(ConsoleRole role) => _sessions[role];

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        foreach (var role in Enum.GetValues<ConsoleRole>())
        {
            var name = "staff-" + role.Name();
            Assert.True((await Server.Accounts.AddAsync(name, role, Password, "test")).Succeeded);
            _sessions[role] = await ConsoleSession.SignInNewAsync(Server.ConsoleUrl, name, Password);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        await Server.DisposeAsync();
    }
}
