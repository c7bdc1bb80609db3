using System.Collections.Frozen;
using System.Reflection;

namespace Waymark.Secrets;

/// <summary>
/// The 4096 words a recovery phrase is made of (12 bits each), read once from the embedded list.
/// Each word is 4 or 5 lowercase letters a-z, so a phrase is easy to write down and type on any keyboard.
/// </summary>
internal sealed class WordList
{
    internal const int Size = 4096;
    internal const int BitsPerWord = 12;

    private static readonly Lazy<WordList> Embedded = new(Load);

    private readonly FrozenDictionary<string, int> _index;

    private WordList(string[] words)
    {
        Words = words;
        _index = words.Select((word, position) => (word, position))
            .ToFrozenDictionary(entry => entry.word, entry => entry.position, StringComparer.Ordinal);
    }

    internal static WordList Instance => Embedded.Value;

    internal IReadOnlyList<string> Words { get; }

    internal bool Contains(string word) => _index.ContainsKey(word);

    private static WordList Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Waymark.Secrets.words.txt")
            ?? throw new InvalidOperationException("The embedded word list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A wrong count would silently change the entropy of every phrase: that is a build bug, not input.
        if (words.Length != Size || words.Distinct(StringComparer.Ordinal).Count() != Size)
        {
            throw new InvalidOperationException($"The embedded word list must hold {Size} distinct words, not {words.Length}.");
        }

        return new WordList(words);
    }
}
