using System.Globalization;
using Waymark.Screening.Normalization;

namespace Waymark.Screening.Terms;

/// <summary>
/// A term list file as a node screens with it: the terms of its good lines, the lines it skipped and
/// why, and the size and time of the file when read, so that a node can tell when it changed on disk
/// and read it again without a restart. A licensed list often holds a line Waymark cannot express (an
/// nginx regular expression); by default such a line is named and skipped, and only a strict reading
/// refuses the file for it.
/// </summary>
public sealed record TermFile(
    string Path, bool Strict, IReadOnlyList<TermEntry> Entries, IReadOnlyList<Problem> Skipped, int SkippedCount, long Length, DateTime WrittenUtc)
{
    /// <summary>The file's name, as term sources and messages give it.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Each skipped line as <c>warning: NAME line N: why</c> (skipped, so the work goes on), the first <see cref="TermListParser.MaxProblems"/> of them.</summary>
    public IEnumerable<string> DescribeSkipped() => Skipped.Select(problem => (problem with { Severity = Severity.Warning }).ToString());

    /// <summary>One line for logs and the command line: how many lines were skipped (none when none were).</summary>
    public string? SkippedSummary => SkippedCount == 0
        ? null
        : $"{Name}: {SkippedCount.ToString(CultureInfo.InvariantCulture)} {(SkippedCount == 1 ? "line" : "lines")} skipped; {Entries.Count.ToString(CultureInfo.InvariantCulture)} terms read.";

    /// <summary>True when the file on disk is no longer the one read (another size or write time, or gone).</summary>
    public bool HasChangedOnDisk()
    {
        var info = new FileInfo(Path);
        return !info.Exists || info.Length != Length || info.LastWriteTimeUtc != WrittenUtc;
    }

    /// <summary>The same terms, stamped with the file's size and time on disk now: a file that cannot be used is not read again until it changes.</summary>
    public TermFile AsOnDisk()
    {
        var info = new FileInfo(Path);
        return info.Exists ? this with { Length = info.Length, WrittenUtc = info.LastWriteTimeUtc } : this with { Length = -1 };
    }

    /// <summary>
    /// Reads a term list file. Lines the parser refuses and terms with no letters or digits left after
    /// <paramref name="normalizer"/> are skipped and described, unless <paramref name="strict"/>, when any of
    /// them refuses the file. A file that cannot be read, or that leaves no term to screen for, always fails.
    /// </summary>
    internal static Result<TermFile> Open(string path, bool strict, ScreeningNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(normalizer);
        var info = new FileInfo(path);
        return TermListParser.Read(path).Then(read =>
        {
            var name = System.IO.Path.GetFileName(path);
            var check = Usable(read, normalizer, name);
            if (strict && !check.IsValid)
            {
                return Result.Fail<TermFile>(check.Strict().Error!);
            }

            if (!check.HasTerms)
            {
                // Located at the first line that could not be used, so the editor can jump there; a problem of the whole
                // list (no terms at all) is the reason as it stands.
                var first = check.IsValid ? TermListParser.LineProblem(name, 0, "the list has no terms.") : check.Problems[0];
                return Result.Fail<TermFile>(first.Line == 0
                    ? first with { Severity = Severity.Error }
                    : first with { Severity = Severity.Error, Message = $"no line holds a term that can be screened for (the first that cannot: {first.Message})" });
            }

            return Result.Ok(new TermFile(path, strict, check.Entries, check.Problems, check.ProblemCount, info.Length, info.LastWriteTimeUtc));
        });
    }

    /// <summary>
    /// The check with every term that normalises to nothing moved from the entries to the problems (its
    /// line named): what is left can be compiled.
    /// </summary>
    internal static TermListCheck Usable(TermListCheck check, ScreeningNormalizer normalizer, string name)
    {
        var entries = new List<TermEntry>(check.Entries.Count);
        var lines = new List<int>(check.Entries.Count);
        var problems = check.Problems.ToList();
        var count = check.ProblemCount;
        for (var i = 0; i < check.Entries.Count; i++)
        {
            if (normalizer.Normalize(check.Entries[i].Term).Any(form => form.Length > 0))
            {
                entries.Add(check.Entries[i]);
                lines.Add(check.EntryLines[i]);
                continue;
            }

            count++;
            if (problems.Count < TermListParser.MaxProblems)
            {
                problems.Add(TermListParser.LineProblem(name, check.EntryLines[i], $"the term '{check.Entries[i].Term}' has no letters or digits left after normalisation."));
            }
        }

        return count == check.ProblemCount
            ? check
            : new TermListCheck(entries, lines, [.. problems.OrderBy(p => p.Line)], count);
    }
}
