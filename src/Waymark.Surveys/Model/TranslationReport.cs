namespace Waymark.Surveys;

/// <summary>
/// A text of the form that one of its declared languages lacks: where it is (sheet, survey row or choice list and
/// name, the column it belongs in) and what a respondent in that language would otherwise be shown instead.
/// </summary>
public sealed record MissingTranslation(SurveyLanguage Language, string Sheet, int Row, string Column, string Item, string ShownInstead);

/// <summary>
/// How complete each declared language of a form is: every label, hint, required and constraint message of the
/// survey sheet and every choice label that exists in some language but not in a declared one. A respondent who
/// picks that language would otherwise be shown the text of another language: the editor sees the list at upload.
/// </summary>
public sealed record TranslationReport(IReadOnlyList<SurveyLanguage> Languages, IReadOnlyList<MissingTranslation> Missing, int Texts)
{
    /// <summary>The missing texts of one language.</summary>
    public IReadOnlyList<MissingTranslation> In(SurveyLanguage language) => Missing.Where(m => m.Language == language).ToList();

    /// <summary>Whether every declared language has every text.</summary>
    public bool IsComplete => Missing.Count == 0;

    public static TranslationReport Of(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var languages = instrument.Languages;
        var missing = new List<MissingTranslation>();
        var texts = 0;
        void Check(LocalizedText text, string sheet, int row, string column, string item)
        {
            if (!text.ByLanguage.Values.Any(v => v.Length > 0))
            {
                return; // no text in any language (no hint, say): nothing to translate
            }

            texts++;
            foreach (var language in languages)
            {
                if (!text.ByLanguage.TryGetValue(language.Key, out var value) || value.Length == 0)
                {
                    var shown = text.For(language.Key, instrument.FallbackLanguage) ?? "";
                    missing.Add(new MissingTranslation(language, sheet, row, $"{column}::{Header(language)}", item, shown));
                }
            }
        }

        if (languages.Count > 1)
        {
            foreach (var group in instrument.Groups)
            {
                Check(group.Labels, "survey", group.Row, "label", group.Name);
            }

            foreach (var question in instrument.Questions)
            {
                Check(question.Labels, "survey", question.Row, "label", question.Name);
                Check(question.Hints, "survey", question.Row, "hint", question.Name);
                Check(question.RequiredMessages, "survey", question.Row, "required_message", question.Name);
                Check(question.ConstraintMessages, "survey", question.Row, "constraint_message", question.Name);
            }

            foreach (var list in instrument.Questions.Where(q => q.ListName is not null).GroupBy(q => q.ListName!, StringComparer.Ordinal))
            {
                foreach (var choice in list.First().Choices.DistinctBy(c => c.Name, StringComparer.Ordinal))
                {
                    Check(choice.Labels, "choices", 0, "label", $"{list.Key} {choice.Name}");
                }
            }
        }

        var ordered = missing.OrderBy(m => languages.ToList().IndexOf(m.Language)).ThenBy(m => m.Sheet == "choices").ThenBy(m => m.Row).ToList();
        return new TranslationReport(languages, ordered, texts);
    }

    /// <summary>The language as the column header names it: "German (de)", or the key alone when it has no other name.</summary>
    private static string Header(SurveyLanguage language) => language.Name == language.Key ? language.Key : $"{language.Name} ({language.Key})";
}
