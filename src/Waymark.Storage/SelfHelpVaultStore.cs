namespace Waymark.Storage;

/// <summary>
/// Opaque encrypted blobs under opaque lookups: the self-help progress of people who took a recovery
/// phrase. This store never sees a phrase, a key or a plaintext; it only keeps and returns bytes.
/// Each write is one committed statement, so a save acknowledged to the person survives a crash.
/// </summary>
public sealed class SelfHelpVaultStore
{
    /// <summary>Exact length of a lookup (a 256-bit derived value).</summary>
    public const int LookupLength = 32;

    /// <summary>Largest ciphertext kept: progress is text answers, never files.</summary>
    public const int MaxCiphertextLength = 2 * 1024 * 1024;

    private readonly WaymarkDatabase _database;

    internal SelfHelpVaultStore(WaymarkDatabase database) => _database = database;

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
        command.CommandText = """
            INSERT INTO selfhelp_vaults (lookup, ciphertext) VALUES (@lookup, @ciphertext)
            ON CONFLICT (lookup) DO UPDATE SET ciphertext = excluded.ciphertext
            """;
        Migrator.AddParameter(command, "lookup", lookup.ToArray());
        Migrator.AddParameter(command, "ciphertext", ciphertext.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
        command.CommandText = "DELETE FROM selfhelp_vaults WHERE lookup = @lookup";
        Migrator.AddParameter(command, "lookup", lookup.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static void Validate(ReadOnlyMemory<byte> lookup)
    {
        if (lookup.Length != LookupLength)
        {
            throw new ArgumentException($"A lookup is exactly {LookupLength} bytes.", nameof(lookup));
        }
    }
}
