using System.Security.Cryptography;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Web.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>
/// What opening an instrument's responses gave: the records that opened with the stored rows they
/// came from (in the same order), those that did not open and why, or that the answers are locked.
/// </summary>
internal sealed record OpenedResponses(IReadOnlyList<ResponseRecord> Records, IReadOnlyList<StoredResponse> Stored, bool Locked, IReadOnlyList<NotOpened> NotOpened)
{
    public static OpenedResponses LockedUp { get; } = new([], [], true, []);

    /// <summary>One sentence naming the responses that did not open, or null when all did.</summary>
    public string? NotOpenedSummary => NotOpened.Count == 0
        ? null
        : $"{NotOpened.Count} response(s) did not open with the keys unlocked in this session and are left out: "
          + string.Join("; ", NotOpened.Select(n => $"{n.Id} ({n.Reason})"))
          + ". Unlock the key they were sealed with (the instrument's earlier keys are listed on its answers page).";
}

/// <summary>
/// The analyst's way to the responses: counts from the clear columns; answers opened in memory
/// with the keys this console session unlocked (docs/adr/0080), or read as they are when the
/// instrument does not seal. An instrument whose key changed has responses sealed to each of its
/// keys (<see cref="SurveyEntry.Keys"/>); each key the session unlocked opens its share, and the
/// rest are reported, never silently dropped. Nothing opened is cached: each request opens what it shows.
/// </summary>
public sealed class ResponseAccess(WaymarkDatabase database, SealedKeyVault vault)
{
    /// <summary>Longest key input read (a key file is one line of 66 bytes; room for a newline and spaces).</summary>
    public const int MaxKeyInputBytes = 1024;

    /// <summary>Whether this session may read the instrument's answers now: unsealed, or at least one of its keys unlocked.</summary>
    internal bool CanRead(SurveyEntry entry, string? session) =>
        entry.Keys.Count == 0 || vault.UseAll(session, entry.Keys, keys => keys.Count > 0);

    /// <summary>The instrument's public keys whose secret half this session does not hold.</summary>
    internal IReadOnlyList<byte[]> MissingKeys(SurveyEntry entry, string? session) =>
        entry.Keys.Where(key => !vault.IsUnlocked(session, key)).ToList();

    /// <summary>How many responses the instrument has (no answer opened).</summary>
    internal Task<long> CountAsync(SurveyEntry entry, CancellationToken cancellationToken) =>
        database.SurveyResponses.CountAsync(entry.Id, cancellationToken);

    /// <summary>The instrument's responses set aside as test or junk: response id to mark.</summary>
    internal Task<IReadOnlyDictionary<string, string>> MarksAsync(SurveyEntry entry, CancellationToken cancellationToken) =>
        database.ResponseMarks.ReadAsync(entry.Id, cancellationToken);

    /// <summary>Sets a response aside as <paramref name="mark"/> ("test" or "junk"), or puts it back when null; false when nothing changed.</summary>
    internal Task<bool> MarkAsync(SurveyEntry entry, string id, string? mark, CancellationToken cancellationToken) =>
        mark is null ? database.ResponseMarks.UnmarkAsync(entry.Id, id, cancellationToken) : database.ResponseMarks.MarkAsync(entry.Id, id, mark, cancellationToken);

    /// <summary>Every response to the instrument, opened (with the set-level quality flags).</summary>
    internal async Task<OpenedResponses> OpenAllAsync(SurveyEntry entry, string? session, CancellationToken cancellationToken) =>
        Open(entry, session, await database.SurveyResponses.ReadAsync(entry.Id, cancellationToken).ConfigureAwait(false));

    private OpenedResponses Open(SurveyEntry entry, string? session, IReadOnlyList<StoredResponse> stored) =>
        vault.UseAll(session, entry.Keys, keys =>
        {
            if (keys.Count == 0 && stored.Any(s => s.Sealed))
            {
                return OpenedResponses.LockedUp;
            }

            var opened = ResponseArchive.Open(stored, keys);
            var failed = opened.NotOpened.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            return new OpenedResponses(opened.Records, stored.Where(s => !failed.Contains(s.Id)).ToList(), false, opened.NotOpened);
        });

    /// <summary>
    /// Checks a secret key (the bytes of the key file, or pasted text) against the instrument's
    /// public keys and, when it belongs to one, holds it for this session. Every copy made here is
    /// zeroed before returning, whatever the outcome; a wrong key is not kept anywhere.
    /// </summary>
    internal string? Unlock(SurveyEntry entry, string session, Span<byte> keyInput)
    {
        if (entry.Keys.Count == 0)
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
            // secret half of one of this instrument's keys; a public key itself is named as such.
            if (kind == KeyKind.Unmarked && entry.Keys.Any(key => CryptographicOperations.FixedTimeEquals(secret, key)))
            {
                return SealingKeys.SecretRefusal(KeyKind.Public, "That key") + " Nothing was kept.";
            }

            var derived = SealingKeys.PublicKeyOf(secret);
            if (entry.Keys.FirstOrDefault(key => CryptographicOperations.FixedTimeEquals(derived, key)) is not { } publicKey)
            {
                return $"This key does not belong to '{entry.Id}': it is not the secret half of a public key the instrument seals with ({string.Join(", ", entry.Keys.Select(k => SealingKeys.Fingerprint(k)))}). Nothing was kept.";
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

    /// <summary>When this session's unlocked keys are wiped (after the idle time without a request, at the latest at the absolute time); null when it holds none.</summary>
    internal (DateTimeOffset Idle, DateTimeOffset Absolute)? KeyExpiry(string? session) => vault.ExpiryOf(session);

    /// <summary>Zeroes every key of this session; true when there was one.</summary>
    internal bool Lock(string? session) => vault.Wipe(session);
}
