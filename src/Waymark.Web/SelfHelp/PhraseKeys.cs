using Waymark.SelfHelp.Vault;

namespace Waymark.Web.SelfHelp;

/// <summary>
/// Turns a recovery phrase into the current vault keys through the <see cref="DerivationGate"/>.
/// A vault written in the legacy format (before native Argon2id) is found with the legacy
/// derivation and moved to the current format at once, so form tokens only ever carry current keys
/// and "delete my data" removes it too. Null means the gate was full: the person is asked to try again.
/// </summary>
internal sealed class PhraseKeys(DerivationGate gate, ProgressVault vault)
{
    /// <summary>Keys for a phrase that may already hold progress (resume, save with a phrase, delete).</summary>
    public async Task<VaultKeys?> ForExistingAsync(string canonicalPhrase, CancellationToken cancellationToken)
    {
        var keys = await gate.DeriveAsync(canonicalPhrase, VaultKeys.CurrentVersion, cancellationToken).ConfigureAwait(false);
        if (keys is null || !await vault.MayHoldLegacyAsync(cancellationToken).ConfigureAwait(false) || await vault.ExistsAsync(keys, cancellationToken).ConfigureAwait(false))
        {
            return keys;
        }

        var legacy = await gate.DeriveAsync(canonicalPhrase, VaultKeys.LegacyVersion, cancellationToken).ConfigureAwait(false);
        if (legacy is null)
        {
            return null;
        }

        await vault.UpgradeAsync(legacy, keys, cancellationToken).ConfigureAwait(false);
        return keys;
    }

    /// <summary>Keys for a phrase generated just now (nothing can be stored under it yet).</summary>
    public Task<VaultKeys?> ForNewAsync(string phrase, CancellationToken cancellationToken) =>
        gate.DeriveAsync(phrase, VaultKeys.CurrentVersion, cancellationToken);
}
