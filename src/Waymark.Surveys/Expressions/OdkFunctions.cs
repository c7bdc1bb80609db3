using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Expressions;

/// <summary>
/// The ODK XForms spec's string, number, date and selection functions that make sense on a server page without
/// a device. Without repeats every argument is one value, so the node-set functions (sum, max, min, join,
/// count-non-empty) take their arguments as the list of values.
/// </summary>
internal static partial class OdkFunctions
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static XValue Call(string function, IReadOnlyList<XValue> args, IEvaluationContext context)
    {
        double N(int i) => args[i].AsNumber();
        string S(int i) => args[i].AsString();
        return function switch
        {
            "join" => XValue.FromString(string.Join(S(0), args.Skip(1).Select(a => a.AsString()))),
            "substr" => XValue.FromString(Substr(S(0), N(1), args.Count > 2 ? N(2) : double.PositiveInfinity)),
            "substring-before" => XValue.FromString(S(0).IndexOf(S(1), StringComparison.Ordinal) is var at and >= 0 ? S(0)[..at] : string.Empty),
            "substring-after" => XValue.FromString(S(0).IndexOf(S(1), StringComparison.Ordinal) is var at and >= 0 ? S(0)[(at + S(1).Length)..] : string.Empty),
            "translate" => XValue.FromString(Translate(S(0), S(1), S(2))),
            "normalize-space" => XValue.FromString(string.Join(' ', (args.Count > 0 ? S(0) : context.Current.AsString()).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))),
            "boolean-from-string" => XValue.FromBoolean(S(0) is "true" or "1"),
            "checklist" => XValue.FromBoolean(Within(N(0), N(1), args.Skip(2).Count(a => a.AsBoolean()))),
            "weighted-checklist" => XValue.FromBoolean(args.Count % 2 == 0 && Within(N(0), N(1), Enumerable.Range(1, (args.Count - 2) / 2).Sum(i => args[i * 2].AsBoolean() ? args[(i * 2) + 1].AsNumber() : 0))),
            "sum" => XValue.FromNumber(args.Sum(a => a.AsNumber())),
            "max" => XValue.FromNumber(args.Select(a => a.AsNumber()).Aggregate(double.NegativeInfinity, (m, x) => double.IsNaN(m) || double.IsNaN(x) ? double.NaN : Math.Max(m, x))),
            "min" => XValue.FromNumber(args.Select(a => a.AsNumber()).Aggregate(double.PositiveInfinity, (m, x) => double.IsNaN(m) || double.IsNaN(x) ? double.NaN : Math.Min(m, x))),
            "count-non-empty" => XValue.FromNumber(args.Count(a => a.AsString().Length > 0)),
            "pow" => XValue.FromNumber(Math.Pow(N(0), N(1))),
            "log" => XValue.FromNumber(Math.Log(N(0))),
            "log10" => XValue.FromNumber(Math.Log10(N(0))),
            "abs" => XValue.FromNumber(Math.Abs(N(0))),
            "floor" => XValue.FromNumber(Math.Floor(N(0))),
            "ceiling" => XValue.FromNumber(Math.Ceiling(N(0))),
            "sin" => XValue.FromNumber(Math.Sin(N(0))),
            "cos" => XValue.FromNumber(Math.Cos(N(0))),
            "tan" => XValue.FromNumber(Math.Tan(N(0))),
            "asin" => XValue.FromNumber(Math.Asin(N(0))),
            "acos" => XValue.FromNumber(Math.Acos(N(0))),
            "atan" => XValue.FromNumber(Math.Atan(N(0))),
            "atan2" => XValue.FromNumber(Math.Atan2(N(0), N(1))),
            "sqrt" => XValue.FromNumber(Math.Sqrt(N(0))),
            "exp" => XValue.FromNumber(Math.Exp(N(0))),
            "exp10" => XValue.FromNumber(Math.Pow(10, N(0))),
            "pi" => XValue.FromNumber(Math.PI),
            "format-date" => XValue.FromString(DateTimeValue(args[0]) is { } date ? Format(date, S(1), withTime: false) : string.Empty),
            "format-date-time" => XValue.FromString(DateTimeValue(args[0]) is { } moment ? Format(moment, S(1), withTime: true) : string.Empty),
            "decimal-date-time" => XValue.FromNumber(DateTimeValue(args[0]) is { } at ? (at - DateTime.UnixEpoch).TotalDays : double.NaN),
            "decimal-time" => XValue.FromNumber(TimeValue(S(0)) is { } time ? time.ToTimeSpan().TotalDays : double.NaN),
            "selected-at" => XValue.FromString(SelectedAt(S(0), N(1))),
            _ => throw new InvalidOperationException("unknown function " + function),
        };
    }

    /// <summary>substr(value, start, end?): characters from the 0-based start up to end - 1, clamped to the text.</summary>
    private static string Substr(string text, double start, double end)
    {
        if (double.IsNaN(start) || double.IsNaN(end))
        {
            return string.Empty;
        }

        var from = (int)Math.Clamp(Math.Truncate(start), 0, text.Length);
        var to = (int)Math.Clamp(Math.Truncate(Math.Min(end, text.Length)), from, text.Length);
        return text[from..to];
    }

    /// <summary>XPath 1.0 translate: each character of <paramref name="from"/> becomes the one at its place in <paramref name="to"/>, or is removed.</summary>
    private static string Translate(string text, string from, string to)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var at = from.IndexOf(c, StringComparison.Ordinal);
            if (at < 0)
            {
                result.Append(c);
            }
            else if (at < to.Length)
            {
                result.Append(to[at]);
            }
        }

        return result.ToString();
    }

    /// <summary>checklist bounds: -1 means no bound.</summary>
    private static bool Within(double min, double max, double count) => (min < 0 || count >= min) && (max < 0 || count <= max);

    private static string SelectedAt(string list, double index)
    {
        var items = Evaluator.SplitList(list);
        return double.IsNaN(index) || index < 0 || index >= items.Length ? string.Empty : items[(int)index];
    }

    /// <summary>
    /// A date (<c>2024-03-15</c>, midnight), a number of days since 1970-01-01, or a dateTime (<c>2024-03-15T14:05:09.250+02:00</c>) as the clock
    /// shows it where it was written: the offset is not applied, since a server page has no device time zone.
    /// </summary>
    internal static DateTime? DateTimeValue(XValue value)
    {
        if (value.Kind == XValueKind.Number)
        {
            // Days since 1970-01-01, the fraction the time of day (as decimal-date-time gives them).
            var days = value.AsNumber();
            return days is >= -719162 and < 2932897 ? DateTime.UnixEpoch.AddTicks((long)Math.Round(days * TimeSpan.TicksPerDay)) : null;
        }

        var text = value.AsString().Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToDateTime(TimeOnly.MinValue);
        }

        var separator = text.IndexOf('T', StringComparison.Ordinal);
        return separator == 10
            && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && TimeValue(text[11..]) is { } time
            ? day.ToDateTime(time)
            : null;
    }

    /// <summary>An XML Schema time (<c>HH:mm:ss</c>, optional fraction and offset) as the clock shows it.</summary>
    internal static TimeOnly? TimeValue(string text)
    {
        var match = TimePattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        var fraction = match.Groups[4].Success ? double.Parse("0" + match.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        return hours < 24 && minutes < 60 && seconds < 60
            ? new TimeOnly(hours, minutes, seconds).Add(TimeSpan.FromTicks((long)Math.Round(fraction * TimeSpan.TicksPerSecond)))
            : null;
    }

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    /// <summary>
    /// format-date and format-date-time with the ODK identifiers %Y %y %m %n %b %d %e %a (English names) and, for
    /// a dateTime, %H %h %M %S %3; other characters as written.
    /// </summary>
    private static string Format(DateTime d, string format, bool withTime)
    {
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            i++;
            text.Append(format[i] switch
            {
                'Y' => d.Year.ToString("D4", CultureInfo.InvariantCulture),
                'y' => (d.Year % 100).ToString("D2", CultureInfo.InvariantCulture),
                'm' => d.Month.ToString("D2", CultureInfo.InvariantCulture),
                'n' => d.Month.ToString(CultureInfo.InvariantCulture),
                'b' => Months[d.Month - 1],
                'd' => d.Day.ToString("D2", CultureInfo.InvariantCulture),
                'e' => d.Day.ToString(CultureInfo.InvariantCulture),
                'a' => Days[(int)d.DayOfWeek],
                'H' when withTime => d.Hour.ToString("D2", CultureInfo.InvariantCulture),
                'h' when withTime => d.Hour.ToString(CultureInfo.InvariantCulture),
                'M' when withTime => d.Minute.ToString("D2", CultureInfo.InvariantCulture),
                'S' when withTime => d.Second.ToString("D2", CultureInfo.InvariantCulture),
                '3' when withTime => d.Millisecond.ToString("D3", CultureInfo.InvariantCulture),
                var other => "%" + other,
            });
        }

        return text.ToString();
    }
}
