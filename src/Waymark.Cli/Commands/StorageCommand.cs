using System.CommandLine;
using System.Globalization;
using Waymark.Storage;

namespace Waymark.Cli.Commands;

/// <summary>
/// <c>waymark storage</c>: maintenance of the database. <c>compact</c> is the daily step that leaves no
/// order of arrival on disk (docs/adr/0100-no-arrival-order-on-disk.md; cron line in docs/deploy.md).
/// </summary>
internal static class StorageCommand
{
    public static Command Create()
    {
        var command = new Command("storage", "Database maintenance (docs/deploy.md).");
        command.Subcommands.Add(CreateCompact());
        return command;
    }

    private static Command CreateCompact()
    {
        var command = new Command(
            "compact",
            "Rewrite the responses, drafts and self-help vaults in key order, so that no file keeps their order of arrival "
            + "(SQLite: VACUUM and an empty write-ahead log; PostgreSQL: one transaction id for every row, then CLUSTER). "
            + "Run it daily from cron; it takes the tables' write lock for the seconds it runs.");
        var storage = StorageOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            CompactionReport report;
            try
            {
                await using var database = await WaymarkDatabase.OpenAsync(storage.Resolve(parseResult), cancellationToken).ConfigureAwait(false);
                report = await database.CompactAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"waymark storage compact: cannot compact the database: {exception.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await parseResult.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Compacted {report.Database}: {string.Join(", ", report.Tables)} rewritten in key order; {report.BytesBefore} bytes before, {report.BytesAfter} after.")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
