namespace Waymark.Surveys.Expressions;

/// <summary>The XPath/XForms functions supported, with their arity (max -1: any number).</summary>
internal static class Functions
{
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Arity = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["if"] = (3, 3),
        ["selected"] = (2, 2),
        ["count-selected"] = (1, 1),
        ["coalesce"] = (2, 2),
        ["regex"] = (2, 2),
        ["string-length"] = (1, 1),
        ["concat"] = (1, -1),
        ["number"] = (1, 1),
        ["not"] = (1, 1),
        ["true"] = (0, 0),
        ["false"] = (0, 0),
        ["string"] = (1, 1),
        ["boolean"] = (1, 1),
        ["contains"] = (2, 2),
        ["starts-with"] = (2, 2),
        ["ends-with"] = (2, 2),
        ["round"] = (1, 2),
        ["int"] = (1, 1),
        ["today"] = (0, 0),
        ["date"] = (1, 1),
    };
}
