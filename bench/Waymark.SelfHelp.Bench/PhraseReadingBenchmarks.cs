using BenchmarkDotNet.Attributes;
using Waymark.Secrets;
using Waymark.Secrets.Tests;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Bench;

/// <summary>
/// What reading a typed recovery phrase costs beside what follows it on the way to a vault. A resume request reads
/// the phrase against every word list (exact pass, then the folded pass for capitals, missing accents and the other
/// Arabic-script keyboard) and only then derives the vault keys with Argon2id; the peer is that derivation, so the
/// ratio says what share of a resume the reading is. Fifty phrases a list, typed four ways, drawn with a fixed seed.
/// </summary>
[MemoryDiagnoser]
public class PhraseReadingBenchmarks
{
    private string[] _typed = [];
    private string _canonical = string.Empty;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        using var random = new SeededRandom(84);
        _typed = [.. RecoveryPhrase.ListLanguages.SelectMany(language => Enumerable.Range(0, 50).Select(i => TypedPhrases.AsTyped(RecoveryPhrase.Generate(language, random), i)))];
        foreach (var phrase in _typed)
        {
            if (!RecoveryPhrase.ParseAnyList(phrase, "en").IsSuccess)
            {
                throw new InvalidOperationException("a generated phrase does not read back: " + phrase);
            }
        }

        _canonical = RecoveryPhrase.ParseAnyList(_typed[0], "en").Phrase!;
    }

    /// <summary>One phrase a call, the next of the drawn set each time (every list and every way of typing in turn).</summary>
    [Benchmark(Description = "read a typed phrase against every list")]
    public bool ReadOnePhrase()
    {
        var phrase = _typed[_next];
        _next = (_next + 1) % _typed.Length;
        return RecoveryPhrase.ParseAnyList(phrase, "en").IsSuccess;
    }

    [Benchmark(Baseline = true, Description = "derive the vault keys (Argon2id)")]
    public byte[] DeriveKeys() => VaultKeys.Derive(_canonical).Lookup;
}
