using Waymark.Content.Coding;

namespace Waymark.Content.Codebooks;

/// <summary>A codebook: themes holding codes, each code with patterns in the syntax of Waymark.Text.</summary>
internal sealed record Codebook(string Name, string? Description, bool IgnoreDiacritics, IReadOnlyList<Theme> Themes)
{
    /// <summary>The published study the codebook replicates (its method and known gaps), when it names one.</summary>
    public StudyMethod? Method { get; init; }

    /// <summary>Whether any code carries a published reference count to compare with.</summary>
    public bool HasReferences => Codes.Any(c => c.Reference is not null);

    /// <summary>Every code in codebook order (theme by theme); a code's index here is its pattern id.</summary>
    public IReadOnlyList<Code> Codes { get; } = [.. Themes.SelectMany(t => t.Codes)];

    /// <summary>The language of the texts coded (an ISO 639-1 code such as <c>en</c>): chooses the Snowball stemmer of <c>stem:</c> patterns.</summary>
    public string? Language { get; init; }

    public int IndexOf(string codeName)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (string.Equals(Codes[i].Name, codeName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

internal sealed record Theme(string Name, string? Description, string Color, IReadOnlyList<Code> Codes);

internal sealed record Code(string Theme, string Name, string? Description, string Color, IReadOnlyList<string> Patterns)
{
    /// <summary>The count the source study published for this code, in units of the codebook's <see cref="StudyMethod.Unit"/>.</summary>
    public long? Reference { get; init; }

    /// <summary>Benign example phrasings that describe the idea the code stands for (never quoted source text).</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>Where the code comes from: author, year and, when known, page or section.</summary>
    public string? Citation { get; init; }
}

/// <summary>
/// How the study a codebook replicates was done, as far as it is published: its citation, the unit its counts are
/// of, how many documents and communities it coded, the tool, and what the publication leaves unknown.
/// </summary>
internal sealed record StudyMethod(string Citation, CodingUnit? Unit, long? Documents, long? Communities, string? Tool, IReadOnlyList<string> Gaps);

/// <summary>Colours for themes and codes without one: a fixed palette, so exports are stable.</summary>
internal static class CodeColors
{
    private static readonly string[] Palette =
    [
        "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF",
    ];

    public static string Default(int index) => Palette[index % Palette.Length];

    public static bool IsValid(string color) =>
        color.Length == 7 && color[0] == '#' && !color.AsSpan(1).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
