using System.Data.Common;
using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Researcher console accounts. Every change that must hold across several nodes (a TOTP step used,
/// a failed login counted) is one conditional UPDATE, so two nodes cannot both accept the same code.
/// </summary>
public sealed class UserStore
{
    private const string Columns =
        "id, name, role, password_hash, totp_secret, totp_pending, totp_last_step, failed_logins, locked_until, disabled, session_version";

    private readonly WaymarkDatabase _database;

    internal UserStore(WaymarkDatabase database) => _database = database;

    /// <summary>Adds an account; returns its id, or null when the name is taken.</summary>
    public async Task<long?> AddAsync(string name, string role, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO users (name, role, password_hash) VALUES (@name, @role, @hash) ON CONFLICT (name) DO NOTHING RETURNING id";
        Migrator.AddParameter(command, "name", name);
        Migrator.AddParameter(command, "role", role);
        Migrator.AddParameter(command, "hash", passwordHash);
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, CultureInfo.InvariantCulture);
    }

    public Task<StoredUser?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        FindAsync("name = @key", name, cancellationToken);

    public Task<StoredUser?> FindByIdAsync(long id, CancellationToken cancellationToken = default) =>
        FindAsync("id = @key", id, cancellationToken);

    /// <summary>Every account, by name.</summary>
    public async Task<IReadOnlyList<StoredUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users ORDER BY name";
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps a freshly generated TOTP secret until the user proves they scanned it.</summary>
    public Task SetPendingTotpAsync(long id, string secret, CancellationToken cancellationToken = default) =>
        UpdateAsync("totp_pending = @value", id, secret, cancellationToken);

    /// <summary>Makes the pending secret the account's second factor, with <paramref name="step"/> already used.</summary>
    public async Task<bool> ConfirmTotpAsync(long id, string pendingSecret, long step, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = @step
            WHERE id = @id AND totp_pending = @secret AND totp_secret IS NULL
            """;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "secret", pendingSecret);
        Migrator.AddParameter(command, "step", step);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Marks a TOTP time step as used; false when that step or a later one was already used
    /// (a replayed or older code), so each code works once, on any node.
    /// </summary>
    public async Task<bool> TryUseTotpStepAsync(long id, long step, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET totp_last_step = @step WHERE id = @id AND totp_last_step < @step";
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "step", step);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Counts a failed login; at <paramref name="maxFailures"/> the account is locked until
    /// <paramref name="lockUntil"/> and the count starts again. Returns true when this failure locked it.
    /// </summary>
    public async Task<bool> RecordFailureAsync(long id, int maxFailures, DateTimeOffset lockUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET
                locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END,
                failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END
            WHERE id = @id
            RETURNING locked_until
            """;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "max", (long)maxFailures);
        Migrator.AddParameter(command, "until", lockUntil.ToUnixTimeSeconds());
        var locked = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return locked is not null and not DBNull && Convert.ToInt64(locked, CultureInfo.InvariantCulture) == lockUntil.ToUnixTimeSeconds();
    }

    /// <summary>A complete login: the failure count and any lock are cleared.</summary>
    public Task RecordSuccessAsync(long id, CancellationToken cancellationToken = default) =>
        UpdateAsync("failed_logins = 0, locked_until = NULL", id, null, cancellationToken);

    /// <summary>Replaces the password hash (rehashing with stronger parameters, or a new password).</summary>
    public Task SetPasswordHashAsync(long id, string hash, CancellationToken cancellationToken = default) =>
        UpdateAsync("password_hash = @value", id, hash, cancellationToken);

    /// <summary>Removes the second factor (the user enrols again at the next login) and ends every session.</summary>
    public Task<bool> ResetTotpAsync(long id, CancellationToken cancellationToken = default) =>
        UpdateAsync("totp_secret = NULL, totp_pending = NULL, totp_last_step = 0, session_version = session_version + 1", id, null, cancellationToken);

    /// <summary>Disables or re-enables an account; either way its sessions end.</summary>
    public Task<bool> SetDisabledAsync(long id, bool disabled, CancellationToken cancellationToken = default) =>
        UpdateAsync("disabled = @value, session_version = session_version + 1", id, disabled ? 1L : 0L, cancellationToken);

    private async Task<bool> UpdateAsync(string assignments, long id, object? value, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE users SET {assignments} WHERE id = @id";
        Migrator.AddParameter(command, "id", id);
        if (value is not null)
        {
            Migrator.AddParameter(command, "value", value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<StoredUser?> FindAsync(string where, object key, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where}";
        Migrator.AddParameter(command, "key", key);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<StoredUser>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var users = new List<StoredUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long Int(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
            string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
            users.Add(new StoredUser(
                Int(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Text(4), Text(5), Int(6), (int)Int(7),
                reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeSeconds(Int(8)),
                Int(9) != 0,
                Int(10)));
        }

        return users;
    }
}

/// <summary>One console account as stored.</summary>
public sealed record StoredUser(
    long Id,
    string Name,
    string Role,
    string PasswordHash,
    string? TotpSecret,
    string? TotpPending,
    long TotpLastStep,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    long SessionVersion);
