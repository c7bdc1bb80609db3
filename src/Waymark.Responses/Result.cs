namespace Waymark.Responses;

/// <summary>A value or a message the user can act on: bad keys and files are expected, not exceptional.</summary>
public readonly record struct Result<T>
{
    internal Result(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public string? Error { get; }

    public bool IsSuccess => Error is null;
}

/// <summary>Makes <see cref="Result{T}"/> values.</summary>
public static class Result
{
    public static Result<T> Ok<T>(T value) => new(value, null);

    public static Result<T> Fail<T>(string error) => new(default, error);
}
