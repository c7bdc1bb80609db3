using Waymark.Accounts;
using Waymark.Storage;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// An in-process server with one signed-in session for every combination of roles an account can
/// hold (each single role, each pair, all three), so route tests can prove that a page admits exactly
/// the accounts holding its role (xunit class fixture).
/// </summary>
public class StaffFixture : IAsyncLifetime
{
    public StaffFixture()
        : this(DatabaseEngine.Sqlite)
    {
    }

    protected StaffFixture(DatabaseEngine engine) => Server = new InProcessServer(engine);

    public const string Password = "a long enough test password";

    private readonly Dictionary<string, (IReadOnlyList<ConsoleRole> Roles, ConsoleSession Session)> _sessions = new(StringComparer.Ordinal);

    public InProcessServer Server { get; }

    /// <summary>The session of the account holding <paramref name="role"/> only.</summary>
    internal ConsoleSession SessionOf(ConsoleRole role) => _sessions[role.Name()].Session;

    /// <summary>Every session, with the roles its account holds.</summary>
    internal IEnumerable<(IReadOnlyList<ConsoleRole> Roles, ConsoleSession Session)> Sessions => _sessions.Values;

    /// <summary>Every non-empty set of roles.</summary>
    internal static IEnumerable<IReadOnlyList<ConsoleRole>> RoleCombinations()
    {
        var all = Enum.GetValues<ConsoleRole>();
        for (var mask = 1; mask < 1 << all.Length; mask++)
        {
            yield return [.. all.Where((_, i) => (mask & (1 << i)) != 0)];
        }
    }

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        foreach (var roles in RoleCombinations())
        {
            var key = string.Join(',', roles.Select(r => r.Name()));
            var name = "staff-" + key.Replace(',', '-');
            Assert.True((await Server.Accounts.AddAsync(name, roles, Password, "test")).IsSuccess);
            _sessions[key] = (roles, await ConsoleSession.SignInNewAsync(Server.ConsoleUrl, name, Password));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, session) in _sessions.Values)
        {
            session.Dispose();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>The same staff on a fresh PostgreSQL database (xunit class fixture).</summary>
public sealed class PostgresStaffFixture : StaffFixture
{
    public PostgresStaffFixture()
        : base(DatabaseEngine.PostgreSql)
    {
    }
}
