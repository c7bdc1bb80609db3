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

        // The ODK XForms function library that needs no device (docs/surveys.md, "Expressions").
        ["join"] = (1, -1),
        ["substr"] = (2, 3),
        ["substring-before"] = (2, 2),
        ["substring-after"] = (2, 2),
        ["translate"] = (3, 3),
        ["normalize-space"] = (0, 1),
        ["boolean-from-string"] = (1, 1),
        ["checklist"] = (2, -1),
        ["weighted-checklist"] = (2, -1),
        ["sum"] = (1, -1),
        ["max"] = (1, -1),
        ["min"] = (1, -1),
        ["count-non-empty"] = (1, -1),
        ["pow"] = (2, 2),
        ["log"] = (1, 1),
        ["log10"] = (1, 1),
        ["abs"] = (1, 1),
        ["floor"] = (1, 1),
        ["ceiling"] = (1, 1),
        ["sin"] = (1, 1),
        ["cos"] = (1, 1),
        ["tan"] = (1, 1),
        ["asin"] = (1, 1),
        ["acos"] = (1, 1),
        ["atan"] = (1, 1),
        ["atan2"] = (2, 2),
        ["sqrt"] = (1, 1),
        ["exp"] = (1, 1),
        ["exp10"] = (1, 1),
        ["pi"] = (0, 0),
        ["format-date"] = (2, 2),
        ["format-date-time"] = (2, 2),
        ["decimal-date-time"] = (1, 1),
        ["decimal-time"] = (1, 1),
        ["selected-at"] = (2, 2),
        ["jr:choice-name"] = (2, 2),

        // Repeats (README "Repeats"): count(${repeat}), position(..), indexed-repeat(${q}, ${repeat}, n).
        ["count"] = (1, 1),
        ["position"] = (0, 0),
        ["indexed-repeat"] = (3, 3),
    };

    /// <summary>ODK functions refused on purpose, with the reason the import error gives.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pulldata"] = "it reads a data file attached to the form on a device",
        ["instance"] = "it reads a data file attached to the form on a device",
        ["area"] = "Waymark never asks where a respondent is",
        ["distance"] = "Waymark never asks where a respondent is",
        ["now"] = "Waymark keeps no time of day about a respondent",
        ["uuid"] = "Waymark gives each response its own random id",
        ["random"] = "a survey page must give the same result each time it is shown",
        ["randomize"] = "a survey page must give the same result each time it is shown",
        ["once"] = "a survey page must give the same result each time it is shown",
        ["digest"] = "Waymark does not hash answers in the form",
        ["base64-decode"] = "it decodes device data",
        ["jr:itext"] = "labels are translated by the label::Language columns",
        ["current"] = "it walks the form's XML, which Waymark does not build; refer to a question as ${name}",
    };
}
