namespace Waymark.Foundation.Tests;

public sealed class ProblemTests
{
    [Fact]
    public void A_problem_with_no_location_reads_as_its_message()
    {
        Assert.Equal("the column 'age' is missing", new Problem("the column 'age' is missing").ToString());
    }

    [Fact]
    public void The_location_comes_first_with_whatever_parts_are_known()
    {
        Assert.Equal("at character 7: expression ends too early", new Problem("expression ends too early") { Column = 7 }.ToString());
        Assert.Equal(
            "at answers.csv, line 12, character 3: not UTF-8",
            new Problem("not UTF-8") { Source = "answers.csv", Line = 12, Column = 3 }.ToString());
        Assert.Equal("warning: at survey, line 4: column ignored", new Problem("column ignored") { Source = "survey", Line = 4, Severity = Severity.Warning }.ToString());
    }

    [Fact]
    public void A_result_keeps_the_located_problem_and_passes_it_through_Then_and_Map()
    {
        var problem = new Problem("unexpected ')'") { Column = 5 };
        var failed = Result.Fail<int>(problem).Map(v => v + 1).Then(v => Result.Ok(v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(failed.IsSuccess);
        Assert.Same(problem, failed.Problem);
        Assert.Equal("at character 5: unexpected ')'", failed.Error);
        Assert.Throws<ArgumentNullException>(() => Result.Fail<int>((Problem)null!));
    }

    [Fact]
    public void A_failure_made_from_a_message_has_an_unlocated_error_problem()
    {
        var failed = Result.Fail<int>("no rows");

        Assert.Equal(new Problem("no rows"), failed.Problem);
        Assert.Equal(Severity.Error, failed.Problem!.Severity);
        Assert.Null(Result.Ok(1).Problem);
    }
}
