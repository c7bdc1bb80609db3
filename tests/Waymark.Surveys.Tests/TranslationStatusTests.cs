using Waymark.Surveys.Json;
using Waymark.Surveys.XlsForm;

namespace Waymark.Surveys.Tests;

/// <summary>The settings sheet's <c>translation::Language (code)</c> columns: which languages are machine drafts.</summary>
public sealed class TranslationStatusTests
{
    private static InstrumentBuild Load(params string[][] settings) =>
        XlsFormFile.Load(
            new MemoryStream(XlsxBuilder.Package(
            [
                ("survey", XlsxBuilder.Rows(
                    ["type", "name", "label::English (en)", "label::French (fr)", "label::Finnish (fi)"],
                    ["text", "a", "A", "A (fr)", "A (fi)"])),
                ("settings", XlsxBuilder.Rows(settings)),
            ])),
            "x.xlsx");

    [Fact]
    public void Machine_draft_and_reviewed_are_read_per_language_and_shown_in_the_json()
    {
        var build = Load(["form_id", "translation::French (fr)", "Translation::Finnish (fi)"], ["f", "machine-draft", "Reviewed"]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Empty(build.Problems); // a known setting: no "not used" warning
        var settings = build.Instrument!.Settings;
        Assert.Equal(TranslationStatus.MachineDraft, settings.Translations["fr"]);
        Assert.Equal(TranslationStatus.Reviewed, settings.Translations["fi"]);
        Assert.True(settings.IsMachineDraft("fr"));
        Assert.False(settings.IsMachineDraft("fi"));
        Assert.False(settings.IsMachineDraft("en"));
        Assert.Contains("\"translations\": {\n    \"fr\": \"machine-draft\",\n    \"fi\": \"reviewed\"\n  }", InstrumentJson.Write(build.Instrument).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_status_or_a_language_without_labels_is_a_warning()
    {
        var build = Load(["form_id", "translation::French (fr)", "translation::German (de)"], ["f", "by a friend", "machine-draft"]);
        Assert.True(build.IsSuccess);
        Assert.DoesNotContain("fr", build.Instrument!.Settings.Translations.Keys);
        Assert.Equal(
            [
                "warning: settings row 2, column B (translation::French (fr)): translation status 'by a friend' is not 'machine-draft' or 'reviewed' and is ignored",
                "warning: settings, column translation: a translation status is given for 'de', but the survey has no labels in that language",
            ],
            build.Problems.Select(p => p.ToString()));
    }
}
