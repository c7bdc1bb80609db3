namespace Waymark.Screening.Normalization;

/// <summary>
/// Digits and symbols written for letters. Where a symbol stands for more than one letter, every
/// reading is a candidate; a symbol that is also ordinary punctuation may be just that.
/// </summary>
internal static class Leetspeak
{
    /// <summary>Stands for "this symbol is punctuation here", i.e. a word break.</summary>
    public const char Break = ' ';

    // Order matters: the first reading is the one tried first (and the one used when the
    // number of candidates is capped).
    private static readonly string?[] Readings = Build();

    /// <summary>True for a character that may stand for a letter inside a word.</summary>
    public static bool IsLeet(char c) => c < 128 && Readings[c] is not null;

    /// <summary>The letters (or <see cref="Break"/>) that <paramref name="c"/> may stand for, one string each.</summary>
    public static string[] ReadingsOf(char c) => Readings[c]!.Select(r => r.ToString()).ToArray();

    private static string?[] Build()
    {
        var readings = new string?[128];
        readings['0'] = "o";
        readings['1'] = "il";
        readings['2'] = "z";
        readings['3'] = "e";
        readings['4'] = "a";
        readings['5'] = "s";
        readings['6'] = "gb";
        readings['7'] = "t";
        readings['8'] = "b";
        readings['9'] = "g";
        readings['@'] = "a ";
        readings['$'] = "s ";
        readings['!'] = "i ";
        readings['|'] = "li ";
        readings['+'] = "t ";
        return readings;
    }
}
