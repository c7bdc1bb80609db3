namespace Waymark.Content.Coding;

/// <summary>What one counted unit is (docs/content-analysis.md "Units").</summary>
public enum CodingUnit
{
    /// <summary>Every match is a unit of its own.</summary>
    Hit,

    Sentence,

    /// <summary>Huikuri &amp; Insoll's measure: paragraphs containing the code.</summary>
    Paragraph,

    Post,

    Thread,
}

public static class CodingUnits
{
    public static bool TryParse(string text, out CodingUnit unit) =>
        Enum.TryParse(text, ignoreCase: true, out unit) && Enum.IsDefined(unit) && !int.TryParse(text, out _);

    public static string Name(CodingUnit unit) => unit.ToString().ToLowerInvariant();
}
