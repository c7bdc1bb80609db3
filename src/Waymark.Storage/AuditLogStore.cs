using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Who did what in the console, to the minute. Staff actions only: never respondent data, never
/// an address. The time is truncated to the minute here, whatever the caller passes.
/// </summary>
public sealed class AuditLogStore
{
    /// <summary>Longest actor, action or detail kept; longer text is cut (an audit line is a label, not a document).</summary>
    public const int MaxTextLength = 200;

    private readonly WaymarkDatabase _database;

    internal AuditLogStore(WaymarkDatabase database) => _database = database;

    public async Task AddAsync(DateTimeOffset at, string actor, string action, string detail = "", CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_log (at_minute, actor, action, detail) VALUES (@at, @actor, @action, @detail)";
        var seconds = at.ToUnixTimeSeconds();
        Migrator.AddParameter(command, "at", seconds - (seconds % 60));
        Migrator.AddParameter(command, "actor", Cut(actor));
        Migrator.AddParameter(command, "action", Cut(action));
        Migrator.AddParameter(command, "detail", Cut(detail));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest <paramref name="limit"/> entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadLatestAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at_minute, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT @limit";
        Migrator.AddParameter(command, "limit", (long)limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)),
                reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    private static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxTextLength ? text : text[..MaxTextLength];
    }
}

/// <summary>One audit line: the minute, who, what, and a short detail (such as the account acted on).</summary>
public sealed record AuditEntry(DateTimeOffset AtMinute, string Actor, string Action, string Detail);
