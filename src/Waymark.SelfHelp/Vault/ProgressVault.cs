using Waymark.Storage;

namespace Waymark.SelfHelp.Vault;

/// <summary>Why a vault could not be opened; each has its own message for the person.</summary>
public enum VaultProblem
{
    None,
    NotFound,
    Unreadable,
}

public sealed record VaultLoad(Progress? Progress, VaultProblem Problem)
{
    public bool IsSuccess => Problem == VaultProblem.None;
}

/// <summary>
/// Loads and saves a person's progress: encrypts on the way in, decrypts on the way out. Storage
/// only ever receives the lookup and the sealed blob.
/// </summary>
public sealed class ProgressVault(WaymarkDatabase database)
{
    private volatile bool _noLegacy;

    /// <summary>Whether a vault is stored under these keys' lookup.</summary>
    public async Task<bool> ExistsAsync(VaultKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return await database.SelfHelpVaults.GetAsync(keys.Lookup, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// Whether a vault of the legacy format may still be stored. Once none is, none can come back
    /// (every save writes the current format), so the answer "no" is remembered.
    /// </summary>
    public async Task<bool> MayHoldLegacyAsync(CancellationToken cancellationToken = default)
    {
        if (_noLegacy)
        {
            return false;
        }

        var any = await database.SelfHelpVaults.AnyStartingWithAsync(VaultKeys.LegacyVersion, cancellationToken).ConfigureAwait(false);
        _noLegacy = !any;
        return any;
    }

    /// <summary>
    /// Moves the legacy vault under <paramref name="legacy"/> to the current format under
    /// <paramref name="current"/> (one transaction). False when there is none, or it does not open
    /// (it is then left as it is, and the person is told it is unreadable when nothing else is found).
    /// </summary>
    public async Task<bool> UpgradeAsync(VaultKeys legacy, VaultKeys current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        ArgumentNullException.ThrowIfNull(current);
        var blob = await database.SelfHelpVaults.GetAsync(legacy.Lookup, cancellationToken).ConfigureAwait(false);
        var plaintext = blob is null ? null : VaultCipher.Open(legacy, blob);
        if (plaintext is null)
        {
            return false;
        }

        var sealedBlob = VaultCipher.Seal(current, plaintext);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(plaintext);
        await database.SelfHelpVaults.MoveAsync(legacy.Lookup, current.Lookup, sealedBlob, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<VaultLoad> LoadAsync(VaultKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var blob = await database.SelfHelpVaults.GetAsync(keys.Lookup, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return new VaultLoad(null, VaultProblem.NotFound);
        }

        var plaintext = VaultCipher.Open(keys, blob);
        var progress = plaintext is null ? null : Progress.FromJson(plaintext);
        return progress is null ? new VaultLoad(null, VaultProblem.Unreadable) : new VaultLoad(progress, VaultProblem.None);
    }

    /// <summary>Seals and stores the progress; false (and nothing stored) when it has grown past what a vault holds.</summary>
    public async Task<bool> SaveAsync(VaultKeys keys, Progress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(progress);
        var sealedBlob = VaultCipher.Seal(keys, progress.ToJson());
        if (sealedBlob.Length > SelfHelpVaultStore.MaxCiphertextLength)
        {
            return false;
        }

        await database.SelfHelpVaults.PutAsync(keys.Lookup, sealedBlob, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<bool> DeleteAsync(VaultKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return database.SelfHelpVaults.DeleteAsync(keys.Lookup, cancellationToken);
    }
}
