using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Waymark.Storage;

/// <summary>
/// Console sessions on the server, shared by every node: a session exists while its row does. Rows are
/// keyed by the SHA-256 of the session id the cookie carries, never the id itself.
/// </summary>
public sealed class ConsoleSessionStore
{
    private readonly WaymarkDatabase _database;

    internal ConsoleSessionStore(WaymarkDatabase database) => _database = database;

    /// <summary>Records a new session of <paramref name="userId"/> signed in at <paramref name="now"/>.</summary>
    public async Task AddAsync(string sessionId, long userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO console_sessions (id_hash, user_id, signed_in, last_seen) VALUES (@id, @user, @now, @now)";
        Migrator.AddParameter(command, "id", Hash(sessionId));
        Migrator.AddParameter(command, "user", userId);
        Migrator.AddParameter(command, "now", now.ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The session, or null when there is none with this id (never made, signed out, or ended).</summary>
    public async Task<StoredSession?> FindAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id, signed_in, last_seen FROM console_sessions WHERE id_hash = @id";
        Migrator.AddParameter(command, "id", Hash(sessionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long Int(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
        return new StoredSession(Int(0), DateTimeOffset.FromUnixTimeSeconds(Int(1)), DateTimeOffset.FromUnixTimeSeconds(Int(2)));
    }

    /// <summary>Moves the idle clock of a session to <paramref name="now"/> (never the sign-in time).</summary>
    public async Task TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE console_sessions SET last_seen = @now WHERE id_hash = @id AND last_seen < @now";
        Migrator.AddParameter(command, "id", Hash(sessionId));
        Migrator.AddParameter(command, "now", now.ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends one session; true when it existed.</summary>
    public async Task<bool> DeleteAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM console_sessions WHERE id_hash = @id";
        Migrator.AddParameter(command, "id", Hash(sessionId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Ends every session of an account (disabled, roles changed, second factor reset).</summary>
    public async Task<int> DeleteForUserAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM console_sessions WHERE user_id = @user";
        Migrator.AddParameter(command, "user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes sessions signed in before <paramref name="signedInBefore"/> or idle since before <paramref name="idleBefore"/>.</summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset signedInBefore, DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM console_sessions WHERE signed_in < @signed OR last_seen < @idle";
        Migrator.AddParameter(command, "signed", signedInBefore.ToUnixTimeSeconds());
        Migrator.AddParameter(command, "idle", idleBefore.ToUnixTimeSeconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Hash(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
    }
}

/// <summary>A console session as stored: whose, when signed in (never moves), when last seen.</summary>
public sealed record StoredSession(long UserId, DateTimeOffset SignedIn, DateTimeOffset LastSeen);
