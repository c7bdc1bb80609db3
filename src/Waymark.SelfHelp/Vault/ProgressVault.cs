using Waymark.Storage;

namespace Waymark.SelfHelp.Vault;

/// <summary>Why a vault could not be opened; each has its own message for the person.</summary>
internal enum VaultProblem
{
    None,
    NotFound,
    Unreadable,
}

internal sealed record VaultLoad(Progress? Progress, VaultProblem Problem)
{
    public bool IsSuccess => Problem == VaultProblem.None;
}

/// <summary>
/// Loads and saves a person's progress: encrypts on the way in, decrypts on the way out. Storage
/// only ever receives the lookup and the sealed blob.
/// </summary>
internal sealed class ProgressVault(WaymarkDatabase database)
{
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
