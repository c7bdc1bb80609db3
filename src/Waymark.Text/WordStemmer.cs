using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Waymark.Text;

/// <summary>
/// A Snowball stemmer (the maintained algorithms shipped in Lucene.Net.Analysis.Common) for one language, as
/// <c>stem:</c> patterns use it. Stateful: one instance per thread (each <see cref="MatchScratch"/> holds its own).
/// Input is one word, already case-folded; it is stemmed in Unicode composed form (NFC), as Snowball expects.
/// </summary>
public sealed class WordStemmer
{
    // ISO 639-1 codes (and Snowball's own algorithm names) to the algorithms Lucene.Net ships.
    private static readonly Dictionary<string, Func<SnowballProgram>> Algorithms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ca"] = static () => new CatalanStemmer(),
        ["da"] = static () => new DanishStemmer(),
        ["de"] = static () => new GermanStemmer(),
        ["en"] = static () => new EnglishStemmer(),
        ["es"] = static () => new SpanishStemmer(),
        ["eu"] = static () => new BasqueStemmer(),
        ["fi"] = static () => new FinnishStemmer(),
        ["fr"] = static () => new FrenchStemmer(),
        ["ga"] = static () => new IrishStemmer(),
        ["hu"] = static () => new HungarianStemmer(),
        ["hy"] = static () => new ArmenianStemmer(),
        ["it"] = static () => new ItalianStemmer(),
        ["nb"] = static () => new NorwegianStemmer(),
        ["nl"] = static () => new DutchStemmer(),
        ["nn"] = static () => new NorwegianStemmer(),
        ["no"] = static () => new NorwegianStemmer(),
        ["pt"] = static () => new PortugueseStemmer(),
        ["ro"] = static () => new RomanianStemmer(),
        ["ru"] = static () => new RussianStemmer(),
        ["sv"] = static () => new SwedishStemmer(),
        ["tr"] = static () => new TurkishStemmer(),
        ["armenian"] = static () => new ArmenianStemmer(),
        ["basque"] = static () => new BasqueStemmer(),
        ["catalan"] = static () => new CatalanStemmer(),
        ["danish"] = static () => new DanishStemmer(),
        ["dutch"] = static () => new DutchStemmer(),
        ["english"] = static () => new EnglishStemmer(),
        ["finnish"] = static () => new FinnishStemmer(),
        ["french"] = static () => new FrenchStemmer(),
        ["german"] = static () => new GermanStemmer(),
        ["german2"] = static () => new German2Stemmer(),
        ["hungarian"] = static () => new HungarianStemmer(),
        ["irish"] = static () => new IrishStemmer(),
        ["italian"] = static () => new ItalianStemmer(),
        ["norwegian"] = static () => new NorwegianStemmer(),
        ["porter"] = static () => new PorterStemmer(),
        ["portuguese"] = static () => new PortugueseStemmer(),
        ["romanian"] = static () => new RomanianStemmer(),
        ["russian"] = static () => new RussianStemmer(),
        ["spanish"] = static () => new SpanishStemmer(),
        ["swedish"] = static () => new SwedishStemmer(),
        ["turkish"] = static () => new TurkishStemmer(),
    };

    private readonly SnowballProgram _program;
    private readonly bool _russian;
    private char[] _buffer = new char[64];

    private WordStemmer(string language, SnowballProgram program)
    {
        Language = language;
        _program = program;
        _russian = program is RussianStemmer;
    }

    /// <summary>The language as given (an ISO 639-1 code such as <c>en</c>, or a Snowball algorithm name such as <c>german2</c>).</summary>
    public string Language { get; }

    /// <summary>The language codes with a stemmer, sorted (the Snowball algorithm names are accepted too).</summary>
    public static IReadOnlyList<string> LanguageCodes { get; } =
        [.. Algorithms.Keys.Where(k => k.Length == 2).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The stemmer for <paramref name="language"/>: an ISO 639-1 code, optionally with a region or script
    /// (<c>en</c>, <c>en-GB</c>, <c>pt_BR</c>), or a Snowball algorithm name (<c>english</c>, <c>german2</c>,
    /// <c>porter</c>). Fails with a message listing the languages covered when there is none.
    /// </summary>
    public static Result<WordStemmer> Create(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return Result.Fail<WordStemmer>(
                $"stem: patterns need the language of the text (a codebook's 'language', e.g. en); Snowball stemmers exist for {string.Join(", ", LanguageCodes)}.");
        }

        var trimmed = language.Trim();
        var primary = trimmed.Split('-', '_')[0];
        return Algorithms.TryGetValue(trimmed, out var make) || Algorithms.TryGetValue(primary, out make)
            ? Result.Ok(new WordStemmer(trimmed, make()))
            : Result.Fail<WordStemmer>(
                $"no Snowball stemmer for the language '{trimmed}': stem: patterns work for {string.Join(", ", LanguageCodes)} (or a Snowball algorithm name such as german2 or porter).");
    }

    /// <summary>The stem of one case-folded word.</summary>
    public string Stem(ReadOnlySpan<char> word)
    {
        var composed = ToComposed(word);
        if (_buffer.Length < composed.Length)
        {
            _buffer = new char[Math.Max(composed.Length, _buffer.Length * 2)];
        }

        composed.CopyTo(_buffer);
        if (_russian)
        {
            // Snowball's Russian algorithm reads ё as е since Snowball 2.0 (2019); the Lucene.Net port predates
            // that change, so it is made here, as the current algorithm's first step does.
            _buffer.AsSpan(0, composed.Length).Replace('ё', 'е');
        }

        _program.SetCurrent(_buffer, composed.Length);
        _program.Stem();
        return new string(_program.CurrentBuffer, 0, _program.CurrentBufferLength);
    }

    private static ReadOnlySpan<char> ToComposed(ReadOnlySpan<char> word)
    {
        if (System.Text.Ascii.IsValid(word))
        {
            return word;
        }

        var text = word.ToString();
        return text.IsNormalized(System.Text.NormalizationForm.FormC) ? text : text.Normalize(System.Text.NormalizationForm.FormC);
    }
}
