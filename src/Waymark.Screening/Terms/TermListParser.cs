using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Screening.Terms;

/// <summary>
/// Reads term lists: Waymark's tab-separated format (term, language, mode, category, source;
/// see docs/screening.md) and Ahmia's nginx <c>banned_terms.map</c> as it is.
/// </summary>
public static partial class TermListParser
{
    /// <summary>Longest term accepted: terms are words and short phrases, not documents.</summary>
    public const int MaxTermLength = 200;

    /// <summary>
    /// Reads a file, refusing it whole if any line is bad; the format follows from its name
    /// (<c>.map</c> is Ahmia's) or its first entry. <see cref="Screener.OpenTermFile(ScreenerOptions)"/> can skip bad lines instead.
    /// </summary>
    public static Result<IReadOnlyList<TermEntry>> Load(string path) =>
        Read(path).Then(check => check.Strict());

    /// <summary>Reads and checks a file: only a file that cannot be read fails; bad lines are in the check.</summary>
    public static Result<TermListCheck> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Result.Ok(Check(File.ReadAllText(path), Path.GetFileName(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result.Fail<TermListCheck>($"Cannot read the term list {path}: {e.Message}");
        }
    }

    /// <summary>Most problems <see cref="Check"/> reports; a list with more is shown its first ones.</summary>
    public const int MaxProblems = 200;

    /// <summary>Parses a term list; <paramref name="name"/> names it in messages and in each entry's source.</summary>
    public static Result<IReadOnlyList<TermEntry>> Parse(string text, string name) => Check(text, name).Strict();

    /// <summary>
    /// Parses a term list and reports every bad line (the first <see cref="MaxProblems"/> described, all
    /// counted) instead of stopping at the first, for an editor fixing an upload. The good lines are read
    /// whatever the bad ones: the list is valid only when there are no problems.
    /// </summary>
    public static TermListCheck Check(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(name);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return new TermListCheck([], [], [new Problem(name, 0, null, "not a text file (it contains NUL bytes).")], 1);
        }

        var isAhmia = name.EndsWith(".map", StringComparison.OrdinalIgnoreCase) || LooksLikeNginxMap(text);
        var entries = new List<TermEntry>();
        var entryLines = new List<int>();
        var problems = new List<Problem>();
        var badLines = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var where = $"{name}:{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            var before = entries.Count;
            var error = isAhmia ? ParseNginxLine(line, where, entries) : ParseTsvLine(line, where, entries);
            if (error is not null)
            {
                entries.RemoveRange(before, entries.Count - before);
                badLines++;
                if (problems.Count < MaxProblems)
                {
                    problems.Add(LineProblem(name, i + 1, error));
                }

                continue;
            }

            entryLines.AddRange(Enumerable.Repeat(i + 1, entries.Count - before));
        }

        if (problems.Count == 0 && !entries.Exists(e => e.Mode != MatchMode.Allow))
        {
            badLines++;
            problems.Add(new Problem(name, 0, null, "the list has no terms."));
        }

        return new TermListCheck(entries, entryLines, problems, badLines);
    }

    /// <summary>A problem on line <paramref name="line"/> (1-based; 0 for the list as a whole) of the list <paramref name="name"/>: "error: NAME line N: why".</summary>
    internal static Problem LineProblem(string name, int line, string message) => new(name, line, null, message) { Unit = LineUnit.Line };

    private static string? ParseTsvLine(string line, string where, List<TermEntry> entries)
    {
        var fields = line.Split('\t');
        if (fields.Length > 5)
        {
            return "more than 5 tab-separated columns (term, language, mode, category, source).";
        }

        var term = fields[0].Trim();
        string Field(int index, string fallback) =>
            fields.Length > index && !string.IsNullOrWhiteSpace(fields[index]) ? fields[index].Trim() : fallback;

        var language = Field(1, "*").ToLowerInvariant();
        if (language != "*" && !LanguageCode().IsMatch(language))
        {
            return $"'{language}' is not a language code (such as en, pt, zh-hans) or *.";
        }

        var modeText = Field(2, term.Contains(' ', StringComparison.Ordinal) ? "phrase" : "token");
        if (!Enum.TryParse<MatchMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(modeText, out _))
        {
            return $"'{modeText}' is not a match mode (token, phrase, prefix or allow).";
        }

        var category = Field(3, "csam");
        if (!Label().IsMatch(category))
        {
            return $"'{category}' is not a category label (letters, digits, '-' and '_', at most 32).";
        }

        return AddTerm(term, language, mode, category, Field(4, where), entries);
    }

    /// <summary>
    /// nginx <c>map</c> entries: <c>~*regex 1;</c> (case-insensitive), <c>~regex 1;</c>, <c>word 1;</c>,
    /// <c>"two words" 1;</c>; <c>default</c> and entries whose value is 0 are not terms. A regex may
    /// use anchors (<c>^ $ \b</c>) and alternation (<c>a|b</c>); anything else cannot be a plain term.
    /// </summary>
    private static string? ParseNginxLine(string line, string where, List<TermEntry> entries)
    {
        var trimmed = line.Trim();
        if (!trimmed.EndsWith(';'))
        {
            return "an nginx map entry ends with ';'.";
        }

        trimmed = trimmed[..^1].Trim();
        var split = trimmed.LastIndexOfAny([' ', '\t']);
        if (split <= 0)
        {
            return "an nginx map entry is 'pattern value;'.";
        }

        var pattern = trimmed[..split].Trim();
        var value = trimmed[(split + 1)..].Trim().Trim('"', '\'');
        if (pattern is "default" or "hostnames" or "volatile" || value is "0" or "")
        {
            return null;
        }

        if (pattern.Length >= 2 && pattern[0] is '"' or '\'' && pattern[^1] == pattern[0])
        {
            pattern = pattern[1..^1];
        }

        if (pattern.StartsWith('~'))
        {
            pattern = pattern.TrimStart('~').TrimStart('*');
            foreach (var alternative in pattern.Split('|'))
            {
                var plain = alternative.Replace("\\b", " ", StringComparison.Ordinal).Trim('^', '$', ' ').Replace("\\s+", " ", StringComparison.Ordinal)
                    .Replace("\\s", " ", StringComparison.Ordinal).Replace("\\ ", " ", StringComparison.Ordinal);
                if (plain.Length == 0 || plain.IndexOfAny(['\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '^', '$']) >= 0)
                {
                    return $"the regular expression '{alternative}' is more than a word or phrase; write it as plain terms in a Waymark term list.";
                }

                var error = AddTerm(plain, "*", plain.Contains(' ', StringComparison.Ordinal) ? MatchMode.Phrase : MatchMode.Token, "ahmia", where, entries);
                if (error is not null)
                {
                    return error;
                }
            }

            return null;
        }

        return AddTerm(pattern, "*", pattern.Contains(' ', StringComparison.Ordinal) ? MatchMode.Phrase : MatchMode.Token, "ahmia", where, entries);
    }

    private static string? AddTerm(string term, string language, MatchMode mode, string category, string source, List<TermEntry> entries)
    {
        term = term.Trim();
        if (term.Length == 0)
        {
            return "the term is empty.";
        }

        if (term.Length > MaxTermLength)
        {
            return $"the term is longer than {MaxTermLength} characters.";
        }

        if (term.Any(char.IsControl))
        {
            return "the term contains a control character.";
        }

        entries.Add(new TermEntry(term, language, mode, category, source));
        return null;
    }

    private static bool LooksLikeNginxMap(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            return line.EndsWith(';') && !line.Contains('\t', StringComparison.Ordinal);
        }

        return false;
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}

/// <summary>
/// The result of checking a whole list: the entries read from its good lines (with the line of each,
/// in the same order), the first problems found (<see cref="TermListParser.MaxProblems"/> at most) and
/// how many there were in all. Valid only when there are no problems.
/// </summary>
public sealed record TermListCheck(IReadOnlyList<TermEntry> Entries, IReadOnlyList<int> EntryLines, IReadOnlyList<Problem> Problems, int ProblemCount)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Whether the good lines hold a term to screen for (a list of only allow-list entries or bad lines does not).</summary>
    public bool HasTerms => Entries.Any(e => e.Mode != MatchMode.Allow);

    /// <summary>The entries when every line is good; otherwise the first problem, and how many more there are.</summary>
    public Result<IReadOnlyList<TermEntry>> Strict()
    {
        if (IsValid)
        {
            return Result.Ok(Entries);
        }

        var more = ProblemCount - 1;
        return Result.Fail<IReadOnlyList<TermEntry>>(Problems[0].ToString()
            + (more > 0 ? $" ({more.ToString(CultureInfo.InvariantCulture)} more {(more == 1 ? "line is" : "lines are")} bad.)" : ""));
    }
}
