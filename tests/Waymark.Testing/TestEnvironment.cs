using System.Net;
using System.Net.Sockets;

namespace Waymark.Testing;

/// <summary>What the test script (test.sh) provides, with clear failures when it is missing.</summary>
public static class TestEnvironment
{
    /// <summary>Set by test.sh to a throwaway PostgreSQL cluster's connection string.</summary>
    public const string PostgresVariable = "WAYMARK_TEST_POSTGRES";

    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL cluster.");

    /// <summary>
    /// Set by test.sh to the <c>waymark.dll</c> it published from this checkout precompiled (ReadyToRun), for the
    /// servers and command lines the tests start: a plain build JIT-compiles ASP.NET Core, Razor and Waymark at every
    /// start, about twice the CPU (docs/development.md, "A faster build, precompiled servers").
    /// </summary>
    public const string CliVariable = "WAYMARK_TEST_CLI";

    /// <summary>The <c>waymark.dll</c> named by <see cref="CliVariable"/>, or null when it is not set.</summary>
    public static string? PublishedCli =>
        Environment.GetEnvironmentVariable(CliVariable) is { Length: > 0 } given
            ? File.Exists(given) ? given : throw new InvalidOperationException($"{CliVariable} names {given}, which does not exist.")
            : null;

    /// <summary>The repository root (the folder holding Waymark.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// A test fixture kept under <c>tests/fixtures</c> (third-party files with their licences: see the
    /// README there). Tests never read outside the repository.
    /// </summary>
    public static string Fixture(params string[] parts) =>
        Path.Combine([RepositoryRoot, "tests", "fixtures", .. parts]);

    public static int FreePort() => FreePorts(1)[0];

    /// <summary>
    /// Distinct free loopback ports. All are held open until every one is chosen: asked one at a time,
    /// the system may hand back the port it just released, and a server then gets the same port twice.
    /// </summary>
    public static int[] FreePorts(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Waymark.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Waymark.slnx) above " + AppContext.BaseDirectory);
    }
}
