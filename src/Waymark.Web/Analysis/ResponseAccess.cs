using System.Security.Cryptography;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Web.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>What opening an instrument's responses gave: the records, or why not (locked, or a message).</summary>
internal sealed record OpenedResponses(IReadOnlyList<ResponseRecord> Records, IReadOnlyList<StoredResponse> Stored, bool Locked, string? Error)
{
    public bool IsSuccess => !Locked && Error is null;

    public static OpenedResponses LockedUp { get; } = new([], [], true, null);
}

/// <summary>
/// The analyst's way to the responses: counts from the clear columns; answers opened in memory
/// with the key this console session unlocked (docs/adr/0080), or read as they are when the
/// instrument does not seal. Nothing opened is cached: each request opens what it shows.
/// </summary>
public sealed class ResponseAccess(WaymarkDatabase database, SealedKeyVault vault)
{
    /// <summary>Longest key input read (a key file is one Base64 line of 45 bytes; room for a newline and spaces).</summary>
    public const int MaxKeyInputBytes = 1024;

    /// <summary>Whether this session may read the instrument's answers now.</summary>
    internal bool CanRead(SurveyEntry entry, string? session) =>
        entry.PublicKey is not { } publicKey || vault.IsUnlocked(session, publicKey);

    /// <summary>How many responses the instrument has (no answer opened).</summary>
    internal Task<long> CountAsync(SurveyEntry entry, CancellationToken cancellationToken) =>
        database.SurveyResponses.CountAsync(entry.Id, cancellationToken);

    /// <summary>Every response to the instrument, opened (with the set-level quality flags).</summary>
    internal async Task<OpenedResponses> OpenAllAsync(SurveyEntry entry, string? session, CancellationToken cancellationToken) =>
        Open(entry, session, await database.SurveyResponses.ReadAsync(entry.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>One page of responses in id order, opened.</summary>
    internal async Task<OpenedResponses> OpenPageAsync(SurveyEntry entry, string? session, int offset, int limit, CancellationToken cancellationToken) =>
        Open(entry, session, await database.SurveyResponses.ReadPageAsync(entry.Id, offset, limit, cancellationToken).ConfigureAwait(false));

    private OpenedResponses Open(SurveyEntry entry, string? session, IReadOnlyList<StoredResponse> stored) =>
        vault.Use(session, entry.PublicKey ?? [], key =>
        {
            if (key is null && stored.Any(s => s.Sealed))
            {
                return OpenedResponses.LockedUp;
            }

            var opened = ResponseArchive.Open(stored, key);
            return opened.IsSuccess
                ? new OpenedResponses(opened.Value!, stored, false, null)
                : new OpenedResponses([], stored, false, opened.Error);
        });

    /// <summary>
    /// Checks a secret key (the bytes of the key file, or pasted text) against the instrument's
    /// public key and, when it belongs, holds it for this session. Every copy made here is zeroed
    /// before returning, whatever the outcome; a wrong key is not kept anywhere.
    /// </summary>
    internal string? Unlock(SurveyEntry entry, string session, Span<byte> keyInput)
    {
        if (entry.PublicKey is not { } publicKey)
        {
            return $"Responses to '{entry.Id}' are not sealed; no key is needed.";
        }

        if (keyInput.Length > MaxKeyInputBytes)
        {
            return $"That is not a key file: a key is one line ({SealingKeys.SecretPrefix} and 44 characters of Base64); this input has {keyInput.Length} bytes.";
        }

        var secret = GC.AllocateArray<byte>(SealingKeys.KeyBytes, pinned: true);
        try
        {
            var kind = SealingKeys.Decode(keyInput, secret);
            if (kind is KeyKind.Public or KeyKind.Invalid)
            {
                return SealingKeys.SecretRefusal(kind, "That key") + " Nothing was kept.";
            }

            // An unmarked key (written before the prefixes) is accepted only when it proves to be the
            // secret half of this instrument's key; the public key itself is named as such.
            if (kind == KeyKind.Unmarked && CryptographicOperations.FixedTimeEquals(secret, publicKey))
            {
                return SealingKeys.SecretRefusal(KeyKind.Public, "That key") + " Nothing was kept.";
            }

            if (!CryptographicOperations.FixedTimeEquals(SealingKeys.PublicKeyOf(secret), publicKey))
            {
                return $"This key does not belong to '{entry.Id}': it is not the secret half of the public key the instrument seals with (fingerprint {SealingKeys.Fingerprint(publicKey)}). Nothing was kept.";
            }

            vault.Hold(session, secret, publicKey);
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(keyInput);
        }
    }

    /// <summary>Zeroes every key of this session; true when there was one.</summary>
    internal bool Lock(string? session) => vault.Wipe(session);
}
