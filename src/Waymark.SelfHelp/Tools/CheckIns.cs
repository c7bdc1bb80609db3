using System.Globalization;
using System.Xml.Linq;
using Waymark.Csv;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Tools;

/// <summary>One week's check-in: the week and the answers.</summary>
public sealed record CheckIn(string Week, IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// The weekly check-in: one a week (ISO 8601 weeks, on the server's clock), kept in the vault; shown back as
/// one SVG chart per scale question and a table, and exported as a CSV file the person downloads.
/// </summary>
public static class CheckIns
{
    /// <summary>Checklist options that mean the person may be in crisis: the page then shows the crisis lines at once.</summary>
    public static readonly IReadOnlySet<string> CrisisOptions = new HashSet<string>(["hopeless", "self-harm"], StringComparer.Ordinal);

    /// <summary>Weeks shown in a chart (the latest); the table and the export hold every week.</summary>
    public const int ChartWeeks = 26;

    /// <summary>The ISO 8601 week of <paramref name="time"/> (UTC), such as <c>2026-W49</c>: the key a week's check-in is saved under.</summary>
    public static string WeekOf(DateTimeOffset time)
    {
        var day = time.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day):D4}-W{ISOWeek.GetWeekOfYear(day):D2}");
    }

    /// <summary>Every saved check-in, oldest first.</summary>
    public static IReadOnlyList<CheckIn> All(Progress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return progress.CheckIns.Select(week => new CheckIn(week.Key, week.Value)).ToList();
    }

    /// <summary>True when the answers tick an option of <see cref="CrisisOptions"/>.</summary>
    public static bool SignalsCrisis(Module checkIn, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(answers);
        return checkIn.Exercises.Where(exercise => exercise.Kind == ExerciseKind.Checklist)
            .SelectMany(exercise => exercise.Choices.Where(choice => CrisisOptions.Contains(choice.Id)).Select(choice => exercise.Id + "." + choice.Id))
            .Any(key => answers.TryGetValue(key, out var value) && value.Length > 0);
    }

    /// <summary>
    /// One chart of a scale question over the weeks: an inline SVG with a title and a description (the table
    /// beside it holds the same numbers), drawn in <c>currentColor</c> so that it follows the page's colours.
    /// </summary>
    public static string Chart(Exercise scale, IReadOnlyList<CheckIn> checkIns, string id, string description)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(checkIns);
        const int Width = 320, Height = 150, Left = 28, Right = 10, Top = 10, Bottom = 28;
        var shown = checkIns.Skip(Math.Max(0, checkIns.Count - ChartWeeks)).ToList();
        var span = scale.Max - scale.Min;
        double X(int index) => shown.Count == 1 ? Left + ((Width - Left - Right) / 2.0) : Left + (index * (Width - Left - Right) / (double)(shown.Count - 1));
        double Y(int value) => Top + ((scale.Max - value) * (Height - Top - Bottom) / (double)span);
        static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        XNamespace svg = "http://www.w3.org/2000/svg";
        var chart = new XElement(
            svg + "svg",
            new XAttribute("viewBox", $"0 0 {Width} {Height}"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", $"{id}-title {id}-desc"),
            new XAttribute("class", "chart"),
            new XElement(svg + "title", new XAttribute("id", id + "-title"), scale.Prompt),
            new XElement(svg + "desc", new XAttribute("id", id + "-desc"), description));
        foreach (var value in new[] { scale.Min, scale.Max })
        {
            chart.Add(
                new XElement(svg + "line", new XAttribute("x1", Left), new XAttribute("x2", Width - Right), new XAttribute("y1", N(Y(value))), new XAttribute("y2", N(Y(value))), new XAttribute("stroke", "currentColor"), new XAttribute("stroke-opacity", "0.3")),
                new XElement(svg + "text", new XAttribute("x", Left - 4), new XAttribute("y", N(Y(value) + 4)), new XAttribute("text-anchor", "end"), new XAttribute("font-size", "11"), new XAttribute("fill", "currentColor"), value.ToString(CultureInfo.InvariantCulture)));
        }

        var points = new List<(double X, double Y)>();
        for (var index = 0; index < shown.Count; index++)
        {
            var x = X(index);
            if (index == 0 || index == shown.Count - 1 || shown.Count <= 8)
            {
                chart.Add(new XElement(svg + "text", new XAttribute("x", N(x)), new XAttribute("y", Height - 8), new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "10"), new XAttribute("fill", "currentColor"), shown[index].Week[5..]));
            }

            if (SelfAssessment.ScaleValue(scale, shown[index].Answers) is { } value)
            {
                points.Add((x, Y(value)));
            }
        }

        if (points.Count > 1)
        {
            chart.Add(new XElement(svg + "polyline", new XAttribute("points", string.Join(' ', points.Select(point => N(point.X) + "," + N(point.Y)))), new XAttribute("fill", "none"), new XAttribute("stroke", "currentColor"), new XAttribute("stroke-width", "2")));
        }

        foreach (var (x, y) in points)
        {
            chart.Add(new XElement(svg + "circle", new XAttribute("cx", N(x)), new XAttribute("cy", N(y)), new XAttribute("r", "4"), new XAttribute("fill", "currentColor")));
        }

        return chart.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Every check-in as CSV for a spreadsheet (the one <see cref="CsvWriter"/>, <see cref="CsvDialect.Spreadsheet"/> with
    /// CRLF line ends, UTF-8): a column for the week, then one for each answer key of the check-in (checklist options as
    /// <c>yes</c> or empty). A cell starting with <c>= + - @</c> (other than a number) is prefixed with an apostrophe so
    /// that a spreadsheet shows it as text.
    /// </summary>
    public static string ToCsv(Module checkIn, IReadOnlyList<CheckIn> checkIns)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(checkIns);
        var keys = checkIn.AnswerKeys.ToList();
        var checklist = checkIn.Exercises.Where(exercise => exercise.Kind == ExerciseKind.Checklist).SelectMany(exercise => exercise.AnswerKeys).ToHashSet(StringComparer.Ordinal);
        var rows = checkIns.Select(week => keys.Select(key => week.Answers.TryGetValue(key, out var value) ? (checklist.Contains(key) ? "yes" : value) : "").Prepend(week.Week));
        return CsvWriter.ToText(CsvDialect.Spreadsheet with { NewLine = "\r\n" }, rows.Prepend(keys.Prepend("week")));
    }
}
