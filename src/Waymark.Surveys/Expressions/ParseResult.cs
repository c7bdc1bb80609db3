namespace Waymark.Surveys.Expressions;

/// <summary>Why an expression does not parse, and where (0-based character offset).</summary>
public sealed record ExpressionError(int Position, string Message)
{
    public override string ToString() => $"at character {Position + 1}: {Message}";
}

/// <summary>A parsed value or the parse error; a malformed expression in a form is expected input, not a bug.</summary>
internal readonly record struct ParseResult<T>
{
    private ParseResult(T? value, ExpressionError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ExpressionError? Error { get; }

    public bool IsSuccess => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(ExpressionError error) => new(default, error);
}
