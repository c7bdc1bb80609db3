namespace Waymark;

/// <summary>
/// A value, or a <see cref="Problem"/> the user can act on. Bad input (a pattern that does not parse, a missing column, a key
/// that opens nothing) is expected, so it travels as data rather than as an exception; exceptions are for bugs.
/// This is the one outcome type of every Waymark project (README.md beside this file).
/// </summary>
public readonly record struct Result<T>
{
    internal Result(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The value; only meaningful when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>What went wrong, with its location where known; null on success.</summary>
    public Problem? Problem { get; }

    /// <summary>The message for the user with its location first, which speaks of the data and never of a command-line flag; null on success.</summary>
    public string? Error => Problem?.ToString();

    public bool IsSuccess => Problem is null;

    /// <summary>Runs the next step on success; a failure passes through with its message.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(Value!) : Result.Fail<TNext>(Problem!);
    }

    /// <summary>Transforms the value on success; a failure passes through with its message.</summary>
    public Result<TNext> Map<TNext>(Func<T, TNext> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess ? Result.Ok(map(Value!)) : Result.Fail<TNext>(Problem!);
    }
}

/// <summary>Makes <see cref="Result{T}"/> values.</summary>
public static class Result
{
    public static Result<T> Ok<T>(T value) => new(value, null);

    public static Result<T> Fail<T>(string error) => new(default, new Problem(error ?? throw new ArgumentNullException(nameof(error))));

    public static Result<T> Fail<T>(Problem problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));
}
