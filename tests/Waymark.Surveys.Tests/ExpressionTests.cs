using System.Globalization;
using Waymark.Surveys.Expressions;

namespace Waymark.Surveys.Tests;

public sealed class ExpressionTests
{
    private sealed class Context(Dictionary<string, XValue> values, XValue current = default) : IEvaluationContext
    {
        public XValue Current => current == default ? XValue.Empty : current;

        public DateOnly Today => new(2026, 11, 27);

        public XValue Reference(string name) => values.TryGetValue(name, out var v) ? v : XValue.Empty;

        public XValue ChoiceColumn(string name) => name == "country" ? XValue.FromString("fi") : XValue.Empty;

        public string ChoiceLabel(string question, string choice) => string.Empty;
    }

    private static string Eval(string source, params (string Name, XValue Value)[] values) =>
        Expression.Parse(source, allowChoiceColumns: true).Evaluate(new Context(values.ToDictionary(v => v.Name, v => v.Value))).AsString();

    private static XValue N(double n) => XValue.FromNumber(n);

    private static XValue S(string s) => XValue.FromString(s);

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("7 div 2", "3.5")]
    [InlineData("7 mod 3", "1")]
    [InlineData("-7 mod 3", "-1")]
    [InlineData("1 div 0", "Infinity")]
    [InlineData("0 div 0", "NaN")]
    [InlineData("- - 4", "4")]
    [InlineData("10 - 2 - 3", "5")]
    [InlineData("1 < 2 and 2 < 3", "true")]
    [InlineData("1 > 2 or 3 = 3", "true")]
    [InlineData("not(1 = 1)", "false")]
    [InlineData("'abc' = 'abc'", "true")]
    [InlineData("'1.0' = 1", "true")]
    [InlineData("'abc' < 5", "false")]
    [InlineData("'' = 0", "false")]
    [InlineData("if(1 = 1, 'yes', 'no')", "yes")]
    [InlineData("if('', 'yes', 'no')", "no")]
    [InlineData("concat('a', 1, true())", "a1true")]
    [InlineData("string-length('héllo')", "5")]
    [InlineData("number('12.5') + 1", "13.5")]
    [InlineData("number('1e3')", "NaN")]
    [InlineData("selected('a b c', 'b')", "true")]
    [InlineData("selected('a b c', 'd')", "false")]
    [InlineData("count-selected('a  b c ')", "3")]
    [InlineData("count-selected('')", "0")]
    [InlineData("coalesce('', 'x')", "x")]
    [InlineData("coalesce('y', 'x')", "y")]
    [InlineData("regex('abc123', '^[a-z]+[0-9]+$')", "true")]
    [InlineData("regex('abc', '^[0-9]+$')", "false")]
    [InlineData("round(2.456, 2)", "2.46")]
    [InlineData("int(-2.7)", "-2")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1000000 * 1000000", "1000000000000")]
    [InlineData("today()", "2026-11-27")]
    [InlineData("today() - date('2026-11-20')", "7")]
    [InlineData("country = 'fi'", "true")]
    public void Evaluates_with_xpath_semantics(string source, string expected) => Assert.Equal(expected, Eval(source));

    [Fact]
    public void Unanswered_references_are_empty_strings()
    {
        Assert.Equal("true", Eval("${age} = ''"));
        Assert.Equal("false", Eval("${age} > 5"));
        Assert.Equal("false", Eval("${age} <= 5"));
        Assert.Equal("NaN", Eval("${age} + 1"));
        Assert.Equal("0", Eval("count-selected(${pick})"));
    }

    [Fact]
    public void Typed_references_compare_as_numbers_or_strings()
    {
        Assert.Equal("true", Eval("${age} >= 18", ("age", N(18))));
        Assert.Equal("true", Eval("${age} = '18'", ("age", N(18))));
        Assert.Equal("true", Eval("${name} = 'Zorblat'", ("name", S("Zorblat"))));
        Assert.Equal("false", Eval("${name} = 'zorblat'", ("name", S("Zorblat"))));
        Assert.Equal("true", Eval("selected(${pick}, 'b')", ("pick", S("a b"))));
    }

    [Fact]
    public void Current_answer_is_the_dot()
    {
        var e = Expression.Parse(". >= 10 and . <= 99");
        Assert.True(e.UsesCurrent);
        Assert.True(e.EvaluateBoolean(new Context([], N(42))));
        Assert.False(e.EvaluateBoolean(new Context([], N(100))));
    }

    [Fact]
    public void References_are_listed_once_in_order()
    {
        var e = Expression.Parse("${b} + ${a} + ${b}");
        Assert.Equal(["b", "a"], e.References);
    }

    [Theory]
    [InlineData("1 +", 3, "ends too early")]
    [InlineData("${age", 0, "not closed")]
    [InlineData("'abc", 0, "string is not closed")]
    [InlineData("foo(1)", 0, "function 'foo()' is not supported")]
    [InlineData("if(1, 2)", 0, "if() takes 3 argument(s), not 2")]
    [InlineData("/data/age > 1", 0, "paths with '/'")]
    [InlineData("${a} > 1 )", 9, "unexpected ')'")]
    [InlineData("age > 1", 0, "refer to a question as ${age}")]
    [InlineData("${a} # 1", 5, "unexpected character '#'")]
    [InlineData("regex(., '(')", 9, "invalid regular expression")]
    [InlineData("regex(., '(a)\\1')", 9, "regular expression")]
    [InlineData("${1abc}", 0, "not a valid question name")]
    [InlineData("concat(", 7, "ends too early")]
    [InlineData("..", 0, "parent paths")]
    public void Parse_errors_name_the_position(string source, int position, string message)
    {
        Assert.False(Expression.TryParse(source, false, out _, out var error));
        Assert.Equal((position + 1).ToString(CultureInfo.InvariantCulture), error!.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_a_stack_overflow()
    {
        var source = new string('(', 3000) + "1" + new string(')', 3000);
        Assert.False(Expression.TryParse(source, false, out _, out var error));
        Assert.Contains("nests deeper", error!.Message, StringComparison.Ordinal);
        var minus = new string('-', 3000) + "1";
        Assert.False(Expression.TryParse(minus, false, out _, out _));
    }

    [Fact]
    public void Choice_columns_only_where_allowed()
    {
        Assert.True(Expression.TryParse("country = ${c}", true, out _, out _));
        Assert.False(Expression.TryParse("country = ${c}", false, out _, out _));
    }
}
