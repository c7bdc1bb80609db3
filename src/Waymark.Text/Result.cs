namespace Waymark.Text;

/// <summary>
/// A value or a message the user can act on. Bad input (an empty pattern, a regular expression that does
/// not parse) is expected, so it travels as data rather than as an exception.
/// </summary>
public readonly record struct Result<T>
{
    internal Result(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; only meaningful when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The message for the user; null on success.</summary>
    public string? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>Runs the next step on success; a failure passes through with its message.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(Value!) : Result.Fail<TNext>(Error!);
    }
}

/// <summary>Makes <see cref="Result{T}"/> values.</summary>
public static class Result
{
    public static Result<T> Ok<T>(T value) => new(value, null);

    public static Result<T> Fail<T>(string error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
