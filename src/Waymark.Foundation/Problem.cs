namespace Waymark;

/// <summary>How much a <see cref="Problem"/> matters: an error stops the work, a warning is reported and the work goes on.</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// A message the user can act on, located as precisely as is known: the source it is about (a file, a sheet, an
/// expression), a 1-based line and a 1-based character. Every part of the location is optional.
/// </summary>
public sealed record Problem(string Message)
{
    /// <summary>What the problem is in: a file name, a sheet, a column; null when the caller already says so.</summary>
    public string? Source { get; init; }

    /// <summary>The 1-based line or row, when known.</summary>
    public int? Line { get; init; }

    /// <summary>The 1-based character within the line (or within a one-line source such as an expression), when known.</summary>
    public int? Column { get; init; }

    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>The message with its location first, as "at SOURCE, line L, character C: MESSAGE".</summary>
    public override string ToString()
    {
        var where = new List<string>(3);
        if (Source is not null)
        {
            where.Add(Source);
        }

        if (Line is { } line)
        {
            where.Add($"line {line.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (Column is { } column)
        {
            where.Add($"character {column.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var located = where.Count == 0 ? Message : $"at {string.Join(", ", where)}: {Message}";
        return Severity == Severity.Warning ? "warning: " + located : located;
    }
}
