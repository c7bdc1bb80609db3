namespace Waymark.Statistics;

/// <summary>
/// A value or a message the user can act on. Bad input (a missing column, an empty table) is expected,
/// so it travels as data rather than as an exception.
/// </summary>
internal readonly record struct Result<T>
{
    private Result(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(string error) => new(default, error);

    /// <summary>Runs the next step on success; a failure passes through with its message.</summary>
    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(Value!) : Result<TNext>.Fail(Error!);
    }
}
