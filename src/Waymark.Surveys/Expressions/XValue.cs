using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Expressions;

/// <summary>The kinds of value an XPath 1.0 expression produces here (no node-sets: a reference yields its typed value).</summary>
public enum XValueKind
{
    Text,
    Number,
    Boolean,
    Date,
}

/// <summary>
/// One XPath value with the XPath 1.0 conversions (string(), number(), boolean()). A date answer keeps its
/// text as a string and counts days since 1970-01-01 as a number, as ODK's JavaRosa does.
/// </summary>
public readonly partial record struct XValue
{
    private static readonly DateOnly Epoch = new(1970, 1, 1);

    private XValue(XValueKind kind, string text, double number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    public XValueKind Kind { get; }

    private string Text { get; }

    private double Number { get; }

    public static XValue Empty { get; } = FromString(string.Empty);

    public static XValue FromString(string text) => new(XValueKind.Text, text, 0);

    public static XValue FromNumber(double number) => new(XValueKind.Number, string.Empty, number);

    public static XValue FromBoolean(bool value) => new(XValueKind.Boolean, string.Empty, value ? 1 : 0);

    public static XValue FromDate(DateOnly date) =>
        new(XValueKind.Date, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.DayNumber - Epoch.DayNumber);

    public string AsString() => Kind switch
    {
        XValueKind.Text or XValueKind.Date => Text,
        XValueKind.Boolean => Number != 0 ? "true" : "false",
        _ => NumberToString(Number),
    };

    public double AsNumber() => Kind switch
    {
        XValueKind.Text => StringToNumber(Text),
        _ => Number,
    };

    public bool AsBoolean() => Kind switch
    {
        XValueKind.Text => Text.Length > 0,
        XValueKind.Date => true,
        XValueKind.Boolean => Number != 0,
        _ => Number != 0 && !double.IsNaN(Number),
    };

    public override string ToString() => AsString();

    /// <summary>XPath's string(number): integers without a decimal point, never an exponent.</summary>
    public static string NumberToString(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E', StringComparison.Ordinal) && Math.Abs(number) is > 1e-20 and < 1e27
            ? ((decimal)number).ToString(CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>XPath's number(string): optional minus, digits with an optional point; anything else is NaN.</summary>
    public static double StringToNumber(string text) =>
        XPathNumber().IsMatch(text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"^\s*-?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex XPathNumber();
}
