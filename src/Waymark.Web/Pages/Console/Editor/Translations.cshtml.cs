using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Translations;

namespace Waymark.Web.Pages.Console.Editor;

/// <summary>
/// Translation status for editors (docs/translation.md): every content item in every language, present
/// (machine draft or reviewed, by whom and when), stale (translated from an older English text),
/// partial or missing, with the totals per language and what the translation check refuses.
/// </summary>
internal sealed class TranslationsModel(TranslationInventory inventory) : PageModel
{
    internal TranslationInventory Inventory => inventory;

    /// <summary>What the translation check in the tests would refuse (invalid metadata, misnamed files); gaps are judged by the tests against their lists.</summary>
    internal IReadOnlyList<string> Problems => [.. inventory.Problems, .. inventory.Entries.SelectMany(entry => entry.Problems.Select(problem => $"{entry.Path} {problem}"))];

    /// <summary>The short word shown in a cell.</summary>
    internal static string Label(TranslationEntry entry) => entry.State switch
    {
        TranslationState.Missing => "missing",
        TranslationState.Partial => "partial",
        TranslationState.Stale => "stale",
        _ => entry.Metadata.IsMachineDraft ? "machine draft" : "reviewed",
    };

    /// <summary>The full description of a cell, for its title and screen readers.</summary>
    internal static string Describe(TranslationEntry entry) => entry.State switch
    {
        TranslationState.Missing => $"{entry.Item} in {entry.Language}: missing (readers see English, marked as English)",
        TranslationState.Partial => $"{entry.Item} in {entry.Language}: partial, lacks {string.Join(", ", entry.MissingKeys)}",
        TranslationState.Stale => $"{entry.Item} in {entry.Language}: stale ({Kind(entry)} of an older English text {entry.Metadata.SourceSha256}; readers see an out-of-date notice)",
        _ => $"{entry.Item} in {entry.Language}: {Kind(entry)} of the current English text",
    };

    /// <summary>Where a recovery-phrase word list comes from, as the page names it.</summary>
    internal static string Source(Waymark.Secrets.WordListSource source) => source switch
    {
        Waymark.Secrets.WordListSource.Scowl => "SCOWL (make-wordlist.py)",
        Waymark.Secrets.WordListSource.Bip39 => "BIP-39 (MIT)",
        Waymark.Secrets.WordListSource.Monero => "Monero (BSD-3-Clause)",
        _ => "machine draft (make-draft.py)",
    };

    private static string Kind(TranslationEntry entry) =>
        entry.Metadata.IsMachineDraft ? "machine draft"
        : entry.Metadata.Translation == Waymark.SelfHelp.Content.TranslationMetadata.Reviewed ? $"reviewed by {entry.Metadata.ReviewedBy} on {entry.Metadata.ReviewedOn}"
        : "translation without valid metadata";
}
