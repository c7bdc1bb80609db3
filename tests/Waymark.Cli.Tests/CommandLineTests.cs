using Microsoft.Extensions.Configuration;
using Waymark.Cli.Commands;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CommandLineTests");

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WaymarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_lists_serve_and_succeeds()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("serve", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_command_is_built_alone_when_it_is_named_first()
    {
        var all = WaymarkCommandLine.Build().Subcommands.Select(c => c.Name).ToList();
        Assert.Contains("code", all);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        foreach (var name in all)
        {
            Assert.Equal([name], WaymarkCommandLine.Build(name).Subcommands.Select(c => c.Name));
        }

        Assert.Equal(all, WaymarkCommandLine.Build("--help").Subcommands.Select(c => c.Name));
        Assert.Equal(all, WaymarkCommandLine.Build("cod").Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData("no-such-command")]
    [InlineData("serve", "--no-such-option")]
    [InlineData("serve", "--public")]
    public async Task Usage_errors_exit_2_with_a_message(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("waymark --help", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("unix:relative.sock")]
    [InlineData("999.1.1.1:80")]
    public async Task A_bad_listener_address_exits_2_and_says_what_to_write(string address)
    {
        var (code, _, error) = await RunAsync("serve", "--public", address);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--public", error, StringComparison.Ordinal);
        Assert.Contains("IP:PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_address_for_both_listeners_is_refused()
    {
        var data = _temp.File("data");
        var (code, _, error) = await RunAsync("serve", "--public", "127.0.0.1:5999", "--console", "127.0.0.1:5999", "--data-dir", data);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("different addresses", error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Serve_refuses_a_data_folder_others_can_read_and_says_how_to_fix_it()
    {
        var data = _temp.File("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // 0755, a common default
        var (code, _, error) = await RunAsync("serve", "--public", "127.0.0.1:5997", "--console", "127.0.0.1:5998", "--data-dir", data);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("mode 0755", error, StringComparison.Ordinal);
        Assert.Contains("chmod 700", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(data));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Serve_with_a_research_key_but_no_research_pub_exits_1_and_says_what_to_put_back()
    {
        var data = _temp.File("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Assert.True(Waymark.Responses.SealingKeys.Generate(data).IsSuccess);
        File.Delete(Path.Combine(data, "research.pub"));
        var secret = File.ReadAllBytes(Path.Combine(data, "research.key"));

        var (code, _, error) = await RunAsync("serve", "--public", "127.0.0.1:5995", "--console", "127.0.0.1:5996", "--data-dir", data);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("waymark serve: cannot start:", error, StringComparison.Ordinal);
        Assert.Contains("research.pub", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(secret, File.ReadAllBytes(Path.Combine(data, "research.key")));
        Assert.False(File.Exists(Path.Combine(data, "research.pub")));
    }

    [Fact]
    public void Options_win_over_environment_which_wins_over_appsettings()
    {
        var appSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Waymark:PublicEndpoint"] = "127.0.0.1:6001",
            ["Waymark:ConsoleEndpoint"] = "127.0.0.1:6002",
            ["Waymark:DataDirectory"] = "from-appsettings",
        }).Build();
        var environment = new Dictionary<string, string?>
        {
            [ServeConfiguration.ConsoleVariable] = "127.0.0.1:7002",
            [ServeConfiguration.DataDirectoryVariable] = "from-environment",
            [ServeConfiguration.PostgresVariable] = "Host=db;Database=waymark",
        };

        var settings = ServeConfiguration.Resolve(appSettings, environment.GetValueOrDefault,
            new ServeConfiguration.Overrides(null, null, "from-option", null));

        Assert.Equal("127.0.0.1:6001", settings.PublicEndpoint);
        Assert.Equal("127.0.0.1:7002", settings.ConsoleEndpoint);
        Assert.Equal("from-option", settings.Storage.DataDirectory);
        Assert.Equal(Storage.DatabaseEngine.PostgreSql, settings.Storage.Engine);
    }

    [Fact]
    public void Without_any_configuration_the_defaults_are_loopback_and_sqlite()
    {
        var settings = ServeConfiguration.Resolve(new ConfigurationBuilder().Build(), _ => null, new(null, null, null, null));
        Assert.Equal("127.0.0.1:5080", settings.PublicEndpoint);
        Assert.Equal("127.0.0.1:5081", settings.ConsoleEndpoint);
        Assert.Equal(Storage.DatabaseEngine.Sqlite, settings.Storage.Engine);
    }

    [Fact]
    public void An_operator_listener_closes_the_public_screening_api_unless_it_is_kept()
    {
        var none = ServeConfiguration.Resolve(new ConfigurationBuilder().Build(), _ => null, new(null, null, null, null));
        Assert.Null(none.OperatorEndpoint);
        Assert.True(none.ScreeningApiOnPublic); // no operator listener: the API stays where engines call it

        var fromOption = ServeConfiguration.Resolve(new ConfigurationBuilder().Build(), _ => null, new(null, null, null, null, "unix:/run/waymark/operator.sock"));
        Assert.Equal("unix:/run/waymark/operator.sock", fromOption.OperatorEndpoint);
        Assert.False(fromOption.ScreeningApiOnPublic);

        var environment = new Dictionary<string, string?>
        {
            [ServeConfiguration.OperatorVariable] = "127.0.0.1:5082",
            [ServeConfiguration.ScreeningPublicApiVariable] = "true",
        };
        var kept = ServeConfiguration.Resolve(new ConfigurationBuilder().Build(), environment.GetValueOrDefault, new(null, null, null, null));
        Assert.Equal("127.0.0.1:5082", kept.OperatorEndpoint);
        Assert.True(kept.ScreeningApiOnPublic);

        var appSettings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Waymark:ScreeningPublicApi"] = "false" }).Build();
        Assert.False(ServeConfiguration.Resolve(appSettings, _ => null, new(null, null, null, null)).ScreeningApiOnPublic);
    }
}
