namespace Waymark.Foundation.Tests;

public sealed class ProblemTests
{
    [Fact]
    public void An_error_with_no_location_reads_as_its_message_and_a_warning_says_so()
    {
        Assert.Equal("the column 'age' is missing", new Problem("the column 'age' is missing").ToString());
        Assert.Equal("warning: no rows", (new Problem("no rows") with { Severity = Severity.Warning }).ToString());
    }

    [Fact]
    public void The_location_comes_first_with_whatever_parts_are_known()
    {
        Assert.Equal("error: survey row 3, column D (relevant): does not parse", new Problem("survey", 3, "D (relevant)", "does not parse").ToString());
        Assert.Equal("warning: settings, column translation: no labels", new Problem("settings", 0, "translation", "no labels", Severity.Warning).ToString());
        Assert.Equal("error: expression, column 7: ends too early", new Problem("expression", 0, "7", "ends too early").ToString());
        Assert.Equal("error: row 12: not UTF-8", new Problem(null, 12, null, "not UTF-8").ToString());
        Assert.Equal("error: a.csv line 12, column b: not UTF-8", (new Problem("a.csv", 12, "b", "not UTF-8") with { Unit = LineUnit.Line }).ToString());
    }

    [Fact]
    public void Fatal_is_true_for_errors_only()
    {
        Assert.True(new Problem("x").Fatal);
        Assert.False(new Problem("survey", 1, null, "x", Severity.Warning).Fatal);
    }

    [Fact]
    public void A_result_keeps_the_located_problem_and_passes_it_through_Then_and_Map()
    {
        var problem = new Problem("expression", 0, "5", "unexpected ')'");
        var failed = Result.Fail<int>(problem).Map(v => v + 1).Then(v => Result.Ok(v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(failed.IsSuccess);
        Assert.Same(problem, failed.Problem);
        Assert.Equal("error: expression, column 5: unexpected ')'", failed.Error);
        Assert.Throws<ArgumentNullException>(() => Result.Fail<int>((Problem)null!));
    }

    [Fact]
    public void A_failure_made_from_a_message_has_an_unlocated_error_problem()
    {
        var failed = Result.Fail<int>("no rows");

        Assert.Equal(new Problem("no rows"), failed.Problem);
        Assert.True(failed.Problem!.Fatal);
        Assert.Null(Result.Ok(1).Problem);
    }
}
