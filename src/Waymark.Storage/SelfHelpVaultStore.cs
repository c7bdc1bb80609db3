namespace Waymark.Storage;

/// <summary>
/// Opaque encrypted blobs under opaque lookups: the self-help progress of people who took a recovery
/// phrase. This store never sees a phrase, a key or a plaintext; it only keeps and returns bytes.
/// Each write is one committed statement, so a save acknowledged to the person survives a crash.
/// On SQLite a replaced or deleted blob is zeroed in the file (<c>secure_delete</c>) and the log is
/// truncated after every write, so "delete my data" leaves no copy in either; on PostgreSQL the dead row
/// stays in the table's file until <see cref="WaymarkDatabase.CompactAsync"/> rewrites it (docs/security.md).
/// </summary>
public sealed class SelfHelpVaultStore
{
    /// <summary>Exact length of a lookup (a 256-bit derived value).</summary>
    public const int LookupLength = 32;

    /// <summary>Largest ciphertext kept: progress is text answers, never files.</summary>
    public const int MaxCiphertextLength = 2 * 1024 * 1024;

    private const string PutSql = """
        INSERT INTO selfhelp_vaults (lookup, ciphertext) VALUES (@lookup, @ciphertext)
        ON CONFLICT (lookup) DO UPDATE SET ciphertext = excluded.ciphertext
        """;

    private const string DeleteSql = "DELETE FROM selfhelp_vaults WHERE lookup = @lookup";

    private readonly WaymarkDatabase _database;

    internal SelfHelpVaultStore(WaymarkDatabase database) => _database = database;

    /// <summary>Whether any stored blob starts with the byte <paramref name="first"/> (a vault format's version).</summary>
    public async Task<bool> AnyStartingWithAsync(byte first, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM selfhelp_vaults WHERE substr(ciphertext, 1, 1) = @first LIMIT 1";
        Migrator.AddParameter(command, "first", new[] { first });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// Stores <paramref name="ciphertext"/> under <paramref name="lookup"/> and deletes the blob under
    /// <paramref name="oldLookup"/>, in one transaction (a vault moved to a new format is never in both or neither).
    /// </summary>
    public async Task MoveAsync(ReadOnlyMemory<byte> oldLookup, ReadOnlyMemory<byte> lookup, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken = default)
    {
        Validate(oldLookup);
        Validate(lookup);
        if (ciphertext.Length is 0 or > MaxCiphertextLength)
        {
            throw new ArgumentException($"A vault holds 1 to {MaxCiphertextLength} bytes.", nameof(ciphertext));
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var put = connection.CreateCommand())
        {
            put.Transaction = transaction;
            put.CommandText = PutSql;
            Migrator.AddParameter(put, "lookup", lookup.ToArray());
            Migrator.AddParameter(put, "ciphertext", ciphertext.ToArray());
            await put.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = DeleteSql;
            Migrator.AddParameter(delete, "lookup", oldLookup.ToArray());
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Creates or replaces the blob under <paramref name="lookup"/>.</summary>
    public async Task PutAsync(ReadOnlyMemory<byte> lookup, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken = default)
    {
        Validate(lookup);
        if (ciphertext.Length is 0 or > MaxCiphertextLength)
        {
            throw new ArgumentException($"A vault holds 1 to {MaxCiphertextLength} bytes.", nameof(ciphertext));
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = PutSql;
        Migrator.AddParameter(command, "lookup", lookup.ToArray());
        Migrator.AddParameter(command, "ciphertext", ciphertext.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
    }

    /// <summary>The blob under <paramref name="lookup"/>, or null when there is none.</summary>
    public async Task<byte[]?> GetAsync(ReadOnlyMemory<byte> lookup, CancellationToken cancellationToken = default)
    {
        Validate(lookup);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ciphertext FROM selfhelp_vaults WHERE lookup = @lookup";
        Migrator.AddParameter(command, "lookup", lookup.ToArray());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    /// <summary>Deletes the blob; true when there was one.</summary>
    public async Task<bool> DeleteAsync(ReadOnlyMemory<byte> lookup, CancellationToken cancellationToken = default)
    {
        Validate(lookup);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteSql;
        Migrator.AddParameter(command, "lookup", lookup.ToArray());
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
        return deleted;
    }

    private static void Validate(ReadOnlyMemory<byte> lookup)
    {
        if (lookup.Length != LookupLength)
        {
            throw new ArgumentException($"A lookup is exactly {LookupLength} bytes.", nameof(lookup));
        }
    }
}
