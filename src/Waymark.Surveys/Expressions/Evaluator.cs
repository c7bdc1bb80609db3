using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Expressions;

/// <summary>Evaluates a syntax tree with XPath 1.0 conversions and comparison rules.</summary>
internal static class Evaluator
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r'];

    public static XValue Evaluate(Node node, IEvaluationContext context) => node switch
    {
        Literal literal => literal.Value,
        Reference reference => context.Reference(reference.Name),
        Current => context.Current,
        ChoiceColumn column => context.ChoiceColumn(column.Name),
        Unary unary => XValue.FromNumber(-Evaluate(unary.Operand, context).AsNumber()),
        Binary binary => EvaluateBinary(binary, context),
        Call call => EvaluateCall(call, context),
        _ => throw new InvalidOperationException("unknown node " + node.GetType().Name),
    };

    private static XValue EvaluateBinary(Binary binary, IEvaluationContext context)
    {
        if (binary.Operator == "and")
        {
            return XValue.FromBoolean(Evaluate(binary.Left, context).AsBoolean() && Evaluate(binary.Right, context).AsBoolean());
        }

        if (binary.Operator == "or")
        {
            return XValue.FromBoolean(Evaluate(binary.Left, context).AsBoolean() || Evaluate(binary.Right, context).AsBoolean());
        }

        var left = Evaluate(binary.Left, context);
        var right = Evaluate(binary.Right, context);
        return binary.Operator switch
        {
            "=" => XValue.FromBoolean(AreEqual(left, right)),
            "!=" => XValue.FromBoolean(!AreEqual(left, right)),
            "<" => XValue.FromBoolean(left.AsNumber() < right.AsNumber()),
            "<=" => XValue.FromBoolean(left.AsNumber() <= right.AsNumber()),
            ">" => XValue.FromBoolean(left.AsNumber() > right.AsNumber()),
            ">=" => XValue.FromBoolean(left.AsNumber() >= right.AsNumber()),
            "+" => XValue.FromNumber(left.AsNumber() + right.AsNumber()),
            "-" => XValue.FromNumber(left.AsNumber() - right.AsNumber()),
            "*" => XValue.FromNumber(left.AsNumber() * right.AsNumber()),
            "div" => XValue.FromNumber(left.AsNumber() / right.AsNumber()),
            "mod" => XValue.FromNumber(left.AsNumber() % right.AsNumber()),
            _ => throw new InvalidOperationException("unknown operator " + binary.Operator),
        };
    }

    /// <summary>XPath 1.0 equality: booleans if either side is boolean, else numbers if either is a number (or date), else strings.</summary>
    private static bool AreEqual(XValue left, XValue right)
    {
        if (left.Kind == XValueKind.Boolean || right.Kind == XValueKind.Boolean)
        {
            return left.AsBoolean() == right.AsBoolean();
        }

        if (left.Kind == XValueKind.Number || right.Kind == XValueKind.Number)
        {
            return left.AsNumber() == right.AsNumber();
        }

        return string.Equals(left.AsString(), right.AsString(), StringComparison.Ordinal);
    }

    private static XValue EvaluateCall(Call call, IEvaluationContext context)
    {
        var args = call.Arguments;
        XValue Arg(int i) => Evaluate(args[i], context);
        switch (call.Function)
        {
            case "if":
                return Arg(0).AsBoolean() ? Arg(1) : Arg(2);
            case "selected":
                return XValue.FromBoolean(Array.IndexOf(SplitList(Arg(0).AsString()), Arg(1).AsString().Trim()) >= 0);
            case "count-selected":
                return XValue.FromNumber(SplitList(Arg(0).AsString()).Length);
            case "coalesce":
                var first = Arg(0);
                return first.AsString().Length > 0 ? first : Arg(1);
            case "regex":
                return XValue.FromBoolean(Matches(call, Arg(0).AsString(), Arg(1).AsString()));
            case "string-length":
                return XValue.FromNumber(new StringInfoLength(Arg(0).AsString()).Length);
            case "concat":
                var text = new StringBuilder();
                for (var i = 0; i < args.Count; i++)
                {
                    text.Append(Arg(i).AsString());
                }

                return XValue.FromString(text.ToString());
            case "number":
                return XValue.FromNumber(Arg(0).AsNumber());
            case "not":
                return XValue.FromBoolean(!Arg(0).AsBoolean());
            case "true":
                return XValue.FromBoolean(true);
            case "false":
                return XValue.FromBoolean(false);
            case "string":
                return XValue.FromString(Arg(0).AsString());
            case "boolean":
                return XValue.FromBoolean(Arg(0).AsBoolean());
            case "contains":
                return XValue.FromBoolean(Arg(0).AsString().Contains(Arg(1).AsString(), StringComparison.Ordinal));
            case "starts-with":
                return XValue.FromBoolean(Arg(0).AsString().StartsWith(Arg(1).AsString(), StringComparison.Ordinal));
            case "ends-with":
                return XValue.FromBoolean(Arg(0).AsString().EndsWith(Arg(1).AsString(), StringComparison.Ordinal));
            case "round":
                return XValue.FromNumber(Round(Arg(0).AsNumber(), args.Count > 1 ? Arg(1).AsNumber() : 0));
            case "int":
                return XValue.FromNumber(Math.Truncate(Arg(0).AsNumber()));
            case "today":
                return XValue.FromDate(context.Today);
            case "date":
                return ToDate(Arg(0));
            case "jr:choice-name":
                return XValue.FromString(context.ChoiceLabel(call.ChoiceQuestion!, Arg(0).AsString().Trim()));
            case "count":
                return XValue.FromNumber(context.Values(((Reference)args[0]).Name).Count);
            case "position":
                return XValue.FromNumber(context.Position);
            case "indexed-repeat":
                var instance = Arg(2).AsNumber();
                return double.IsNaN(instance) || instance < 1 || instance > int.MaxValue
                    ? XValue.Empty
                    : context.Indexed(((Reference)args[0]).Name, (int)Math.Truncate(instance));
            case "sum" or "max" or "min" or "count-non-empty" or "join":
                // Node-set functions: a reference to a question of a repeat gives every instance's value.
                return OdkFunctions.Call(call.Function, args.SelectMany((a, i) => a is Reference r && !(call.Function == "join" && i == 0) ? context.Values(r.Name) : [Evaluate(a, context)]).ToList(), context);
            default:
                return OdkFunctions.Call(call.Function, args.Select(a => Evaluate(a, context)).ToList(), context);
        }
    }

    /// <summary>The space-separated choice names of a select_multiple answer.</summary>
    public static string[] SplitList(string raw) => raw.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);

    private static bool Matches(Call call, string input, string pattern)
    {
        try
        {
            var regex = call.LiteralRegex ?? Parser.CompileRegex(pattern, call.Position);
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (Exception e) when (e is not InvalidOperationException and not OutOfMemoryException)
        {
            // A pattern computed at run time that does not compile matches nothing, like a failed XPath call in ODK Collect.
            return false;
        }
    }

    private static double Round(double value, double digits)
    {
        if (double.IsNaN(value) || double.IsNaN(digits))
        {
            return double.NaN;
        }

        var scale = Math.Pow(10, Math.Clamp(Math.Truncate(digits), -15, 15));
        return Math.Floor((value * scale) + 0.5) / scale;
    }

    internal static XValue ToDate(XValue value)
    {
        if (value.Kind == XValueKind.Date)
        {
            return value;
        }

        if (value.Kind == XValueKind.Number)
        {
            var dayNumber = new DateOnly(1970, 1, 1).DayNumber + Math.Floor(value.AsNumber());
            return dayNumber >= 0 && dayNumber <= DateOnly.MaxValue.DayNumber
                ? XValue.FromDate(DateOnly.FromDayNumber((int)dayNumber))
                : XValue.Empty;
        }

        // A date, or the day of a dateTime as written (date('2024-03-15T23:30:00-05:00') is 2024-03-15).
        return OdkFunctions.DateTimeValue(value) is { } moment ? XValue.FromDate(DateOnly.FromDateTime(moment)) : XValue.Empty;
    }

    /// <summary>string-length counts characters as users see them (text elements), so "é" typed either way is 1.</summary>
    private readonly record struct StringInfoLength(string Text)
    {
        public int Length => new StringInfo(Text.Normalize(NormalizationForm.FormC)).LengthInTextElements;
    }
}
