namespace Waymark.Foundation.Tests;

public sealed class ResultTests
{
    [Fact]
    public void A_success_carries_its_value_and_no_message()
    {
        var result = Result.Ok(42);

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
        Assert.Null(result.Error);
    }

    [Fact]
    public void A_failure_carries_its_message_and_refuses_a_null_one()
    {
        var result = Result.Fail<int>("the column 'age' is missing");

        Assert.False(result.IsSuccess);
        Assert.Equal("the column 'age' is missing", result.Error);
        Assert.Throws<ArgumentNullException>(() => Result.Fail<int>((string)null!));
    }

    [Fact]
    public void Then_runs_the_next_step_only_on_success_and_passes_a_failure_through_unchanged()
    {
        var calls = 0;
        Result<string> Next(int value)
        {
            calls++;
            return value > 0 ? Result.Ok(new string('x', value)) : Result.Fail<string>("not positive");
        }

        Assert.Equal("xxx", Result.Ok(3).Then(Next).Value);
        Assert.Equal("not positive", Result.Ok(0).Then(Next).Error);
        Assert.Equal("empty table", Result.Fail<int>("empty table").Then(Next).Error);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Map_transforms_a_value_and_passes_a_failure_through_unchanged()
    {
        Assert.Equal(6, Result.Ok(3).Map(v => v * 2).Value);
        var failed = Result.Fail<int>("no rows").Map(v => v * 2);
        Assert.False(failed.IsSuccess);
        Assert.Equal("no rows", failed.Error);
    }
}
