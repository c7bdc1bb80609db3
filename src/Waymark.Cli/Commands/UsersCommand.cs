using System.CommandLine;
using System.Text;
using Waymark.Accounts;
using Waymark.Storage;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark users</c>: researcher console accounts. The first admin can only be made here, by
/// someone with access to the server; admins then add editors and analysts in the console.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage researcher console accounts (docs/security.md).");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRoles());
        command.Subcommands.Add(CreateChange("reset-totp", "Remove an account's second factor: it enrols a new one at the next login.",
            (accounts, name, token) => accounts.ResetTotpAsync(name, ConsoleAccounts.CommandLineActor, token)));
        command.Subcommands.Add(CreateChange("disable", "Disable an account; its sessions end at once.",
            (accounts, name, token) => accounts.SetDisabledAsync(name, true, ConsoleAccounts.CommandLineActor, token)));
        command.Subcommands.Add(CreateChange("enable", "Enable a disabled account again.",
            (accounts, name, token) => accounts.SetDisabledAsync(name, false, ConsoleAccounts.CommandLineActor, token)));
        return command;
    }

    private static Command CreateAdd()
    {
        var name = new Argument<string>("NAME") { Description = "Account name: lower-case letters, digits, '.', '-', '_'." };
        var role = RoleOption();
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var generate = new Option<bool>("--generate-password")
        {
            Description = "Generate a password and print it once; it serves only to sign in the first time, when its holder must choose a new one (so whoever saw it cannot sign in later).",
        };
        var command = new Command("add", "Add an account. Without --password-stdin or --generate-password the password is asked for on the terminal, without echo.")
        {
            name, role, fromStdin, generate,
        };
        var storage = StorageOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var parsedRoles = ConsoleRoles.ParseList(parseResult.GetValue(role) ?? []);
            if (!parsedRoles.IsSuccess)
            {
                await error.WriteLineAsync("waymark users add: --role: " + parsedRoles.Error).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var password = ReadPassword(parseResult.GetValue(fromStdin), parseResult.GetValue(generate), out var problem);
            if (password is null)
            {
                await error.WriteLineAsync("waymark users add: " + problem).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await WithAccountsAsync(storage, parseResult, error, async accounts =>
            {
                // A generated password is seen by whoever ran the command: like an account added in the
                // console, it opens only the first sign-in, which asks its holder for a new password.
                var result = await accounts.AddAsync(parseResult.GetValue(name)!, parsedRoles.Value!, password, mustChangePassword: parseResult.GetValue(generate), ConsoleAccounts.CommandLineActor, cancellationToken).ConfigureAwait(false);
                if (result.IsSuccess && parseResult.GetValue(generate))
                {
                    await output.WriteLineAsync("Password (shown once, keep it in a password manager): " + password).ConfigureAwait(false);
                }

                return await ReportAsync("waymark users add", result, output, error).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary><c>--role</c>, repeatable and comma-separated: <c>--role editor --role analyst</c> or <c>--role editor,analyst</c>.</summary>
    private static Option<string[]> RoleOption()
    {
        var role = new Option<string[]>("--role")
        {
            Description = "admin, editor or analyst; repeat it or separate with commas for several (--role editor,analyst).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        role.Validators.Add(result =>
        {
            if (ConsoleRoles.ParseList(result.GetValueOrDefault<string[]>() ?? []).Error is { } problem)
            {
                result.AddError(problem);
            }
        });
        return role;
    }

    private static Command CreateRoles()
    {
        var name = new Argument<string>("NAME");
        var role = RoleOption();
        var command = new Command("roles", "Replace an account's roles (the only way to give or take the admin role); its sessions end at once.") { name, role };
        var storage = StorageOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var roles = ConsoleRoles.ParseList(parseResult.GetValue(role) ?? []);
            if (!roles.IsSuccess)
            {
                await error.WriteLineAsync("waymark users roles: --role: " + roles.Error).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await WithAccountsAsync(storage, parseResult, error, async accounts =>
                await ReportAsync("waymark users roles",
                    await accounts.SetRolesAsync(parseResult.GetValue(name)!, roles.Value!, mayTouchAdmin: true, ConsoleAccounts.CommandLineActor, cancellationToken).ConfigureAwait(false),
                    output, error).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the accounts: name, roles (comma-separated), second factor, state.");
        var storage = StorageOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            return await WithAccountsAsync(storage, parseResult, parseResult.InvocationConfiguration.Error, async accounts =>
            {
                foreach (var account in await accounts.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    var state = account.Disabled ? "disabled" : "active";
                    var factor = account.HasSecondFactor ? "totp" : "totp-not-enrolled";
                    await output.WriteLineAsync($"{account.Name}\t{account.RoleNames}\t{factor}\t{state}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateChange(string verb, string description, Func<ConsoleAccounts, string, CancellationToken, Task<Result<string>>> change)
    {
        var name = new Argument<string>("NAME");
        var command = new Command(verb, description) { name };
        var storage = StorageOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return await WithAccountsAsync(storage, parseResult, error, async accounts =>
                await ReportAsync("waymark users " + verb, await change(accounts, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false), output, error).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> ReportAsync(string what, Result<string> result, TextWriter output, TextWriter error)
    {
        if (result.IsSuccess)
        {
            await output.WriteLineAsync(result.Value).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await error.WriteLineAsync($"{what}: {result.Error}").ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    private static async Task<int> WithAccountsAsync(StorageOptions storage, ParseResult parseResult, TextWriter error, Func<ConsoleAccounts, Task<int>> action)
    {
        WaymarkDatabase database;
        try
        {
            database = await WaymarkDatabase.OpenAsync(storage.Resolve(parseResult)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or UnauthorizedAccessException or IOException or ArgumentException)
        {
            await error.WriteLineAsync($"waymark users: cannot open the database: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (database.ConfigureAwait(false))
        {
            // No command here handles a second factor's secret (reset-totp only removes it), so no key is loaded.
            return await action(new ConsoleAccounts(database, TimeProvider.System, TotpSecretBox.None)).ConfigureAwait(false);
        }
    }

    /// <summary>The new password: from stdin, generated, or typed twice on the terminal without echo.</summary>
    private static string? ReadPassword(bool fromStdin, bool generate, out string problem)
    {
        problem = "";
        if (fromStdin && generate)
        {
            problem = "use either --password-stdin or --generate-password, not both";
            return null;
        }

        if (generate)
        {
            return ConsoleAccounts.GeneratePassword();
        }

        if (fromStdin)
        {
            var line = Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                problem = "--password-stdin: standard input held no password";
                return null;
            }

            return line;
        }

        if (Console.IsInputRedirected)
        {
            problem = "no terminal to ask for the password on: use --password-stdin or --generate-password";
            return null;
        }

        var first = Prompt("Password: ");
        if (first != Prompt("Password again: "))
        {
            problem = "the two passwords differ";
            return null;
        }

        return first;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}

/// <summary>The storage options every command that opens the database takes, resolved like <c>waymark serve</c>'s.</summary>
internal sealed class StorageOptions
{
    private readonly Option<string?> _dataDirectory = new("--data-dir")
    {
        Description = $"Folder of the embedded SQLite database (default ./data; env {ServeConfiguration.DataDirectoryVariable}).",
    };

    private readonly Option<string?> _postgres = new("--postgres")
    {
        Description = $"PostgreSQL connection string (env {ServeConfiguration.PostgresVariable}).",
    };

    public static StorageOptions AddTo(Command command)
    {
        var options = new StorageOptions();
        command.Options.Add(options._dataDirectory);
        command.Options.Add(options._postgres);
        return options;
    }

    public StorageSettings Resolve(ParseResult parseResult) =>
        ServeConfiguration.ResolveStorage(
            ServeConfiguration.LoadAppSettings(), Environment.GetEnvironmentVariable, parseResult.GetValue(_dataDirectory), parseResult.GetValue(_postgres));
}
