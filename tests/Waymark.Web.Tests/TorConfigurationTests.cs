using Waymark.Testing;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests;

/// <summary>The shipped torrc is checked by Tor itself, and says what docs/deploy.md promises.</summary>
public sealed class TorConfigurationTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("TorConfigurationTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string Torrc = Path.Combine(TestEnvironment.RepositoryRoot, "deploy", "tor", "torrc");

    private static async Task<(int ExitCode, string Output)> VerifyAsync(string path)
    {
        var run = await ExternalProgram.RunAsync("tor", ["--verify-config", "--defaults-torrc", "/dev/null", "-f", path]);
        return (run.ExitCode, run.Combined);
    }

    [Fact]
    public async Task The_shipped_torrc_verifies()
    {
        var (exitCode, output) = await VerifyAsync(Torrc);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Configuration was valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verification_rejects_a_broken_torrc()
    {
        var broken = Path.Combine(_temp.NewFolder("torrc"), "torrc");
        var text = await File.ReadAllTextAsync(Torrc);
        await File.WriteAllTextAsync(broken, text.Replace("HiddenServicePoWDefensesEnabled 1", "HiddenServicePoWDefensesEnabled 2", StringComparison.Ordinal));
        var (exitCode, _) = await VerifyAsync(broken);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task Both_services_have_proof_of_work_and_point_at_the_default_listeners()
    {
        var lines = (await File.ReadAllLinesAsync(Torrc)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("SafeLogging 1", lines);
        Assert.Equal(2, lines.Count(l => l.StartsWith("HiddenServiceDir ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l == "HiddenServicePoWDefensesEnabled 1"));
        Assert.Contains($"HiddenServicePort 80 {ServerSettings.DefaultPublicEndpoint}", lines);
        Assert.Contains($"HiddenServicePort 80 {ServerSettings.DefaultConsoleEndpoint}", lines);
    }
}
