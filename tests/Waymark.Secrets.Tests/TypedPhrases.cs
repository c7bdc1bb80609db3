using System.Text;

namespace Waymark.Secrets.Tests;

/// <summary>Recovery phrases as people type them; also linked into bench/Waymark.SelfHelp.Bench, which reads the same phrases.</summary>
internal static class TypedPhrases
{
    /// <summary>A phrase as a person might type it: in capitals, without accents, with another keyboard's letters.</summary>
    public static string AsTyped(string phrase, int variant) => (variant % 4) switch
    {
        0 => phrase,
        1 => phrase.ToUpperInvariant(),
        2 => new string([.. phrase.Normalize(NormalizationForm.FormD).Where(character => character is < '\u0300' or > '\u036F')]).Normalize(NormalizationForm.FormC),
        _ => phrase.Replace('\u064A', '\u06CC').Replace('\u0643', '\u06A9').Replace('ё', 'е').Replace("  ", " ", StringComparison.Ordinal),
    };
}
