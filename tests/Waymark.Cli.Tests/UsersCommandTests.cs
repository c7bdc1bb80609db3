using System.Diagnostics;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class UsersCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("UsersCommandTests");

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WaymarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("users", "add", "ada", "--role", "root")]
    [InlineData("users", "add", "ada")]
    [InlineData("users", "add", "--role", "admin")]
    [InlineData("users", "add", "ada", "--role", "editor,root")]
    [InlineData("users", "add", "ada", "--role", ",")]
    [InlineData("users", "roles", "ada")]
    public async Task Bad_usage_exits_2(params string[] args) =>
        Assert.Equal(ExitCodes.Usage, (await RunAsync(args)).Code);

    [Fact]
    public async Task Users_opens_the_accounts_assembly_and_never_the_web_host()
    {
        // The kernel's record of the files the process opens is the truth: `waymark users` works on accounts and
        // the database alone, so the Razor host (Waymark.Web.dll and ASP.NET Core's MVC) stays on disk.
        var data = _temp.NewFolder("users-load");
        var trace = Path.Combine(data, "openat.log");
        var start = new ProcessStartInfo("strace") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-f", "-e", "trace=openat", "-o", trace, "dotnet", Path.Combine(AppContext.BaseDirectory, "waymark.dll"),
            "users", "add", "ada", "--role", "analyst", "--generate-password", "--data-dir", data])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        Assert.Contains("Password (shown once", output, StringComparison.Ordinal);
        var opened = await File.ReadAllTextAsync(trace);
        Assert.Contains("Waymark.Accounts.dll", opened, StringComparison.Ordinal);
        Assert.Contains("Waymark.Storage.dll", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("Waymark.Web.dll", opened, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.AspNetCore.Mvc", opened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generated_password_is_printed_once_and_the_account_listed_and_changed()
    {
        var data = _temp.NewFolder("users");
        var added = await RunAsync("users", "add", "ada", "--role", "analyst", "--generate-password", "--data-dir", data);
        Assert.Equal(ExitCodes.Ok, added.Code);
        Assert.Matches("Password \\(shown once[^)]*\\): [A-Za-z0-9]{20}\\n", added.Output.Replace("\r", "", StringComparison.Ordinal));

        var again = await RunAsync("users", "add", "ada", "--role", "editor", "--generate-password", "--data-dir", data);
        Assert.Equal(ExitCodes.Failure, again.Code);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", again.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("users", "disable", "ada", "--data-dir", data)).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAsync("users", "reset-totp", "ada", "--data-dir", data)).Code);
        Assert.Equal("ada\tanalyst\ttotp-not-enrolled\tdisabled", (await RunAsync("users", "list", "--data-dir", data)).Output.Trim());
        var missing = await RunAsync("users", "disable", "nobody", "--data-dir", data);
        Assert.Equal((ExitCodes.Failure, true), (missing.Code, missing.Error.Contains("no account named 'nobody'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_account_holds_several_roles_given_either_way_and_roles_can_be_changed()
    {
        var data = _temp.NewFolder("users-roles");
        Assert.Equal(ExitCodes.Ok, (await RunAsync("users", "add", "cy", "--role", "editor", "--role", "analyst", "--generate-password", "--data-dir", data)).Code);
        var added = await RunAsync("users", "add", "dee", "--role", "analyst,editor", "--generate-password", "--data-dir", data);
        Assert.Contains("added with roles editor, analyst;", added.Output, StringComparison.Ordinal);
        Assert.Equal(["cy\teditor,analyst\ttotp-not-enrolled\tactive", "dee\teditor,analyst\ttotp-not-enrolled\tactive"], Lines((await RunAsync("users", "list", "--data-dir", data)).Output));

        var changed = await RunAsync("users", "roles", "dee", "--role", "admin", "--role", "analyst", "--data-dir", data);
        Assert.Equal(ExitCodes.Ok, changed.Code);
        Assert.Contains("sessions have ended", changed.Output, StringComparison.Ordinal);
        Assert.Equal("dee\tadmin,analyst\ttotp-not-enrolled\tactive", Lines((await RunAsync("users", "list", "--data-dir", data)).Output)[1]);
        var missing = await RunAsync("users", "roles", "nobody", "--role", "editor", "--data-dir", data);
        Assert.Equal((ExitCodes.Failure, true), (missing.Code, missing.Error.Contains("no account named 'nobody'", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_generated_password_must_be_changed_at_the_first_sign_in_and_a_typed_one_need_not()
    {
        var data = _temp.NewFolder("users-change");
        var added = await RunAsync("users", "add", "eve", "--role", "analyst", "--generate-password", "--data-dir", data);
        Assert.Equal(ExitCodes.Ok, added.Code);
        Assert.Contains("chooses a new password", added.Output, StringComparison.Ordinal);

        await using var database = await Storage.WaymarkDatabase.OpenAsync(new Storage.StorageSettings { DataDirectory = data });
        Assert.True((await database.Users.FindByNameAsync("eve"))!.MustChangePassword);
        var accounts = new Accounts.ConsoleAccounts(database, TimeProvider.System, Accounts.TotpSecretBox.None);
        Assert.True((await accounts.AddAsync("fay", [Accounts.ConsoleRole.Admin], "a typed password of the operator", Accounts.ConsoleAccounts.CommandLineActor)).IsSuccess);
        Assert.False((await database.Users.FindByNameAsync("fay"))!.MustChangePassword);
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Trim().Split('\n');
}
