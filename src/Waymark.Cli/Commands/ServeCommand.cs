using System.CommandLine;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Waymark.Web.Hosting;

namespace Waymark.Cli.Commands;

/// <summary><c>waymark serve</c>: runs a node with its public and console listeners.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var publicOption = new Option<string?>("--public")
        {
            Description = $"Public listener, IP:PORT or unix:/path.sock (default {ServerSettings.DefaultPublicEndpoint}; env {ServeConfiguration.PublicVariable}).",
        };
        var consoleOption = new Option<string?>("--console")
        {
            Description = $"Researcher console listener, IP:PORT or unix:/path.sock (default {ServerSettings.DefaultConsoleEndpoint}; env {ServeConfiguration.ConsoleVariable}).",
        };
        var operatorOption = new Option<string?>("--operator")
        {
            Description = $"Operator listener for the search engine's back end (the screening API, its own rate limit), IP:PORT or unix:/path.sock; none by default (env {ServeConfiguration.OperatorVariable}). With it, the public listener stops answering the API unless {ServeConfiguration.ScreeningPublicApiVariable}=true.",
        };
        var dataOption = new Option<string?>("--data-dir")
        {
            Description = $"Folder for the embedded SQLite database (default ./data; env {ServeConfiguration.DataDirectoryVariable}).",
        };
        var postgresOption = new Option<string?>("--postgres")
        {
            Description = $"PostgreSQL connection string; selects PostgreSQL instead of SQLite (env {ServeConfiguration.PostgresVariable}).",
        };

        var command = new Command("serve", "Serve the public site and the researcher console.")
        {
            publicOption, consoleOption, operatorOption, dataOption, postgresOption,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var settings = ServeConfiguration.Resolve(
                ServeConfiguration.LoadAppSettings(),
                Environment.GetEnvironmentVariable,
                new ServeConfiguration.Overrides(
                    parseResult.GetValue(publicOption),
                    parseResult.GetValue(consoleOption),
                    parseResult.GetValue(dataOption),
                    parseResult.GetValue(postgresOption),
                    parseResult.GetValue(operatorOption)));

            foreach (var (name, text) in new[] { ("--public", settings.PublicEndpoint), ("--console", settings.ConsoleEndpoint), ("--operator", settings.OperatorEndpoint) })
            {
                if (text is null)
                {
                    continue;
                }

                if (!EndpointAddress.TryParse(text, out _, out var problem))
                {
                    await error.WriteLineAsync($"waymark serve: {name}: {problem}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }

            return await RunAsync(settings, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(ServerSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = await WaymarkServer.BuildAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Waymark is serving the public site on {settings.PublicEndpoint} and the researcher console on {settings.ConsoleEndpoint}.").ConfigureAwait(false);
            if (settings.OperatorEndpoint is not null)
            {
                await output.WriteLineAsync($"The screening API is served on the operator listener {settings.OperatorEndpoint}{(settings.ScreeningApiOnPublic ? " and on the public listener" : " only")}.").ConfigureAwait(false);
            }
            await output.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (IOException exception) when (exception.InnerException is SocketException || exception.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"waymark serve: cannot listen: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync($"waymark serve: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Waymark.SelfHelp.Content.ContentException exception)
        {
            await error.WriteLineAsync($"waymark serve: content: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (ServerStartException exception)
        {
            await error.WriteLineAsync($"waymark serve: cannot start: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException exception)
        {
            // Among others: a data folder, database or secrets.key that other accounts may read.
            await error.WriteLineAsync($"waymark serve: cannot start: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (System.Data.Common.DbException exception)
        {
            await error.WriteLineAsync($"waymark serve: cannot open the database: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
