using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Waymark.SelfHelp.Content;

/// <summary>
/// What a translated content file says about itself (docs/translation.md): <c>machine-draft</c> or
/// <c>reviewed</c>, the hash of the English file it was translated from, and who reviewed it when.
/// Markdown files carry these as front-matter keys; <c>messages/{lang}.txt</c> as leading
/// <c># key: value</c> comment lines.
/// </summary>
public sealed partial record TranslationMetadata(string Translation, string SourceSha256, string ReviewedBy, string ReviewedOn)
{
    public const string MachineDraft = "machine-draft";
    public const string Reviewed = "reviewed";

    /// <summary>Metadata of a file that has none.</summary>
    public static TranslationMetadata None { get; } = new("", "", "", "");

    public bool IsMachineDraft => Translation == MachineDraft;

    /// <summary>The first 16 hex digits (lower case) of the SHA-256 of a file's bytes: what <c>sourceSha256</c> holds.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    /// <summary>The hash of the file at <paramref name="path"/>.</summary>
    public static string HashOfFile(string path) => HashOf(File.ReadAllBytes(path));

    /// <summary>True when the English source has changed since this translation was made.</summary>
    public bool IsStaleAgainst(string englishHash) => !string.Equals(SourceSha256, englishHash, StringComparison.Ordinal);

    /// <summary>What is wrong with this metadata, or null when it is valid; each problem says how to fix it.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Translation is not (MachineDraft or Reviewed))
        {
            problems.Add(Translation.Length == 0
                ? "has no 'translation' (machine-draft or reviewed)."
                : $"has translation '{Translation}'; use machine-draft or reviewed.");
        }

        if (!HashPattern().IsMatch(SourceSha256))
        {
            problems.Add(SourceSha256.Length == 0
                ? "has no 'sourceSha256' (the first 16 hex digits of the English file's SHA-256)."
                : $"has sourceSha256 '{SourceSha256}'; it must be 16 lower-case hex digits.");
        }

        if (Translation == Reviewed)
        {
            if (string.IsNullOrWhiteSpace(ReviewedBy))
            {
                problems.Add("is marked reviewed but has no 'reviewedBy'.");
            }

            if (!DateOnly.TryParseExact(ReviewedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add("is marked reviewed but has no 'reviewedOn' date (yyyy-mm-dd).");
            }
        }

        return problems;
    }

    /// <summary>
    /// Reads the metadata from the leading comment lines of a <c>key = text</c> file
    /// (<c># translation: machine-draft</c>, <c># sourceSha256: …</c>, <c># reviewedBy: …</c>, <c># reviewedOn: …</c>).
    /// Only the comments before the first entry count.
    /// </summary>
    public static TranslationMetadata FromCommentLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (!trimmed.StartsWith('#'))
            {
                break;
            }

            var match = CommentPattern().Match(trimmed);
            if (match.Success)
            {
                values.TryAdd(match.Groups[1].Value, match.Groups[2].Value.Trim());
            }
        }

        return new TranslationMetadata(
            values.GetValueOrDefault("translation", ""),
            values.GetValueOrDefault("sourceSha256", ""),
            values.GetValueOrDefault("reviewedBy", ""),
            values.GetValueOrDefault("reviewedOn", ""));
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex("^#\\s*(translation|sourceSha256|reviewedBy|reviewedOn)\\s*:(.*)$")]
    private static partial Regex CommentPattern();
}
