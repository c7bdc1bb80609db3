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
        "id, name, password_hash, totp_secret, totp_pending, totp_last_step, failed_logins, locked_until, disabled, session_version, must_change_password";

    private readonly WaymarkDatabase _database;

    internal UserStore(WaymarkDatabase database) => _database = database;

    /// <summary>Adds an account with one role; returns its id, or null when the name is taken.</summary>
    public Task<long?> AddAsync(string name, string role, string passwordHash, CancellationToken cancellationToken = default) =>
        AddAsync(name, [role], passwordHash, cancellationToken);

    /// <summary>Adds an account holding <paramref name="roles"/> (at least one); returns its id, or null when the name is taken.</summary>
    public Task<long?> AddAsync(string name, IReadOnlyCollection<string> roles, string passwordHash, CancellationToken cancellationToken = default) =>
        AddAsync(name, roles, passwordHash, mustChangePassword: false, cancellationToken);

    /// <summary>
    /// Adds an account; with <paramref name="mustChangePassword"/> its password serves only to choose
    /// a new one at the first sign-in. Returns its id, or null when the name is taken.
    /// </summary>
    public async Task<long?> AddAsync(string name, IReadOnlyCollection<string> roles, string passwordHash, bool mustChangePassword, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentOutOfRangeException.ThrowIfZero(roles.Count);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (name, password_hash, must_change_password) VALUES (@name, @hash, @change) ON CONFLICT (name) DO NOTHING RETURNING id";
        Migrator.AddParameter(command, "name", name);
        Migrator.AddParameter(command, "hash", passwordHash);
        Migrator.AddParameter(command, "change", mustChangePassword ? 1L : 0L);
        var inserted = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (inserted is null or DBNull)
        {
            return null;
        }

        var id = Convert.ToInt64(inserted, CultureInfo.InvariantCulture);
        await InsertRolesAsync(connection, transaction, id, roles, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Replaces an account's roles (at least one) and ends its sessions, so no cookie carries the
    /// old roles; false when there is no such account.
    /// </summary>
    public async Task<bool> SetRolesAsync(long id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentOutOfRangeException.ThrowIfZero(roles.Count);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var bump = connection.CreateCommand())
        {
            bump.Transaction = transaction;
            bump.CommandText = "UPDATE users SET session_version = session_version + 1 WHERE id = @id";
            Migrator.AddParameter(bump, "id", id);
            if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM user_roles WHERE user_id = @id";
            Migrator.AddParameter(clear, "id", id);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertRolesAsync(connection, transaction, id, roles, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task InsertRolesAsync(DbConnection connection, DbTransaction transaction, long id, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        foreach (var role in roles.Distinct(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO user_roles (user_id, role) VALUES (@id, @role)";
            Migrator.AddParameter(command, "id", id);
            Migrator.AddParameter(command, "role", role);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
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
        return await ReadAllAsync(connection, command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps a freshly generated TOTP secret until the user proves they scanned it.</summary>
    public Task SetPendingTotpAsync(long id, string secret, CancellationToken cancellationToken = default) =>
        UpdateAsync("totp_pending = @value", id, secret, cancellationToken);

    /// <summary>Replaces the stored second-factor secret if it is still <paramref name="expected"/> (sealing a plain one).</summary>
    public async Task<bool> ReplaceTotpSecretAsync(long id, string expected, string replacement, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET totp_secret = @replacement WHERE id = @id AND totp_secret = @expected";
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "expected", expected);
        Migrator.AddParameter(command, "replacement", replacement);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Makes <paramref name="secret"/> the account's second factor, with <paramref name="step"/> already
    /// used, if the pending secret is still <paramref name="pendingSecret"/> (no later offer replaced it).
    /// </summary>
    public async Task<bool> ConfirmTotpAsync(long id, string pendingSecret, string secret, long step, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET totp_secret = @secret, totp_pending = NULL, totp_last_step = @step
            WHERE id = @id AND totp_pending = @pending AND totp_secret IS NULL
            """;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "pending", pendingSecret);
        Migrator.AddParameter(command, "secret", secret);
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
    /// Claims one credential check (a password or a code) before it runs, in one atomic statement: refused
    /// (null) while the account is locked at <paramref name="now"/>; otherwise counted as a failure at once,
    /// and the claim that makes <paramref name="maxFailures"/> locks the account until
    /// <paramref name="lockUntil"/> (the count starts again). Concurrent checks therefore cannot all read
    /// "not locked" and then all run: at most <paramref name="maxFailures"/> get past a lock period.
    /// A check that turns out right gives its claim back (<see cref="ReturnAttemptAsync"/>).
    /// </summary>
    /// <returns>Null when refused; true when this claim locked the account; false when it was only counted.</returns>
    public async Task<bool?> ClaimAttemptAsync(long id, int maxFailures, DateTimeOffset now, DateTimeOffset lockUntil, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET
                locked_until = CASE WHEN failed_logins + 1 >= @max THEN @until ELSE locked_until END,
                failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END
            WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING locked_until
            """;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "max", (long)maxFailures);
        Migrator.AddParameter(command, "now", now.ToUnixTimeSeconds());
        Migrator.AddParameter(command, "until", lockUntil.ToUnixTimeSeconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return !await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false)
            && Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) == lockUntil.ToUnixTimeSeconds();
    }

    /// <summary>
    /// Gives back a claim whose check was right: it was no failure. A claim that locked the account
    /// unlocks it (if that lock still stands) with the count just below the limit; any other takes one
    /// off the count.
    /// </summary>
    public async Task ReturnAttemptAsync(long id, int maxFailures, DateTimeOffset lockUntil, bool lockedByIt, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = lockedByIt
            ? "UPDATE users SET locked_until = NULL, failed_logins = @max - 1 WHERE id = @id AND locked_until = @until"
            : "UPDATE users SET failed_logins = failed_logins - 1 WHERE id = @id AND failed_logins > 0";
        Migrator.AddParameter(command, "id", id);
        if (lockedByIt)
        {
            Migrator.AddParameter(command, "max", (long)maxFailures);
            Migrator.AddParameter(command, "until", lockUntil.ToUnixTimeSeconds());
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A complete login: the failure count and any lock are cleared.</summary>
    public Task RecordSuccessAsync(long id, CancellationToken cancellationToken = default) =>
        UpdateAsync("failed_logins = 0, locked_until = NULL", id, null, cancellationToken);

    /// <summary>
    /// The first-sign-in change: replaces the password the admin saw, if it is still <paramref name="expectedHash"/>
    /// and still awaiting the change (so two tries cannot both win); false otherwise.
    /// </summary>
    public async Task<bool> SetFirstPasswordAsync(long id, string expectedHash, string newHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE users SET password_hash = @new, must_change_password = 0
            WHERE id = @id AND must_change_password = 1 AND password_hash = @expected
            """;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "expected", expectedHash);
        Migrator.AddParameter(command, "new", newHash);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

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
        return (await ReadAllAsync(connection, command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<StoredUser>> ReadAllAsync(DbConnection connection, DbCommand command, CancellationToken cancellationToken)
    {
        var users = new List<StoredUser>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                long Int(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
                string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
                users.Add(new StoredUser(
                    Int(0), reader.GetString(1), [], reader.GetString(2), Text(3), Text(4), Int(5), (int)Int(6),
                    reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeSeconds(Int(7)),
                    Int(8) != 0,
                    Int(9),
                    Int(10) != 0));
            }
        }

        if (users.Count == 0)
        {
            return users;
        }

        // The roles in a second query on the same connection: simple SQL both engines read alike.
        var roles = users.ToDictionary(u => u.Id, _ => new SortedSet<string>(StringComparer.Ordinal));
        await using var roleCommand = connection.CreateCommand();
        roleCommand.CommandText = users.Count == 1
            ? "SELECT user_id, role FROM user_roles WHERE user_id = @id"
            : "SELECT user_id, role FROM user_roles";
        if (users.Count == 1)
        {
            Migrator.AddParameter(roleCommand, "id", users[0].Id);
        }

        await using (var reader = await roleCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (roles.TryGetValue(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), out var set))
                {
                    set.Add(reader.GetString(1));
                }
            }
        }

        return users.Select(u => u with { Roles = [.. roles[u.Id]] }).ToList();
    }
}

/// <summary>One console account as stored; <see cref="Roles"/> in ordinal order.</summary>
public sealed record StoredUser(
    long Id,
    string Name,
    IReadOnlyList<string> Roles,
    string PasswordHash,
    string? TotpSecret,
    string? TotpPending,
    long TotpLastStep,
    int FailedLogins,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    long SessionVersion,
    bool MustChangePassword = false);
