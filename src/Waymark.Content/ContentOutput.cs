namespace Waymark.Content;

/// <summary>What a content command produced: text for standard output on success, otherwise a message for the user.</summary>
public sealed record ContentOutput(string? Output, string? Error)
{
    internal static ContentOutput Fail(string error) => new(null, error);
}
