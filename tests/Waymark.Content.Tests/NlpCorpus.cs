using System.Text.Json;
using System.Text.RegularExpressions;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// The npm package nlp-corpus (MIT, 100,000 English sentences), installed by test.sh into tools/corpus:
/// a real corpus that neither Waymark nor ripgrep was written against.
/// </summary>
internal static partial class NlpCorpus
{
    public static string Folder { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tools", "corpus", "node_modules", "nlp-corpus", "builds");

    private static readonly Lazy<List<string>> All = new(Load);

    /// <summary>Every sentence, on one line: line and paragraph breaks inside a sentence become spaces; blank ones are dropped.</summary>
    public static IReadOnlyList<string> Sentences => All.Value;

    /// <summary>ASCII words of the corpus, lowercased, most frequent first (ties in ordinal order).</summary>
    public static IReadOnlyList<string> Vocabulary() => [.. Sentences
        .SelectMany(s => AsciiWord().Matches(s).Select(m => m.Value.ToLowerInvariant()))
        .GroupBy(w => w, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)];

    private static List<string> Load()
    {
        if (!Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"{Folder} is missing: run ./test.sh, which installs nlp-corpus with npm ci in tools/corpus.");
        }

        var sentences = new List<string>();
        for (var i = 0; File.Exists(Path.Combine(Folder, $"doc-{i}.json")); i++)
        {
            foreach (var sentence in JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Path.Combine(Folder, $"doc-{i}.json")))!)
            {
                var line = LineBreak().Replace(sentence, " ");
                if (!string.IsNullOrWhiteSpace(line))
                {
                    sentences.Add(line);
                }
            }
        }

        return sentences;
    }

    [GeneratedRegex("[\r\n\u0085\u2028\u2029\u000B\u000C]")]
    private static partial Regex LineBreak();

    [GeneratedRegex("(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")]
    private static partial Regex AsciiWord();
}
