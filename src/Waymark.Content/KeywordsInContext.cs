using Waymark.Content.Coding;

namespace Waymark.Content;

/// <summary>Every match of one code with the words around it, in corpus order.</summary>
public sealed class KeywordsInContext(IReadOnlyList<KwicLine> lines)
{
    public IReadOnlyList<KwicLine> Lines { get; } = lines;

    /// <summary>Tab-separated lines (document, offset, left, match, right), or indented JSON.</summary>
    public string Render(bool json) => KeywordInContext.Render(Lines, json);
}

/// <summary>A converted codebook: the file written, and its codes and themes.</summary>
public sealed record CodebookConversion(string Path, int Codes, int Themes);
