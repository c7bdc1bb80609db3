using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// A small XLSForm for the flow tests, in English and Arabic, one group per page: a constraint, a
/// relevance rule, a grid of three items, an attention check and free text.
/// </summary>
internal static class SurveyTestForms
{
    public const string FlowTest = "flow-test";

    /// <summary>A folder in <paramref name="owner"/> holding the flow-test form (and, when asked, its public key): for WAYMARK_SURVEYS_DIR.</summary>
    public static string NewFolder(TempFolder owner, byte[]? publicKey = null)
    {
        var folder = owner.NewFolder("surveys");
        XlsxWriter.Write(Path.Combine(folder, "flow-test.xlsx"), Sheets());
        if (publicKey is not null)
        {
            File.WriteAllText(Path.Combine(folder, FlowTest + ".pub"), Waymark.Responses.SealingKeys.FormatPublic(publicKey) + "\n");
        }

        return folder;
    }

    /// <summary>
    /// The server's environment for a folder from <see cref="NewFolder"/>: a flow-test form without its
    /// own key is served unsealed by explicit choice (what these tests were written for; a folder form
    /// is otherwise sealed with the data folder's research key).
    /// </summary>
    public static Dictionary<string, string> Environment(string folder) =>
        File.Exists(Path.Combine(folder, FlowTest + ".pub"))
            ? new() { ["WAYMARK_SURVEYS_DIR"] = folder }
            : new() { ["WAYMARK_SURVEYS_DIR"] = folder, ["WAYMARK_UNSEALED_SURVEYS"] = FlowTest };

    public const string RepeatTest = "repeat-test";

    /// <summary>A folder holding a form with an open repeat (sealed by default with the data folder's research key).</summary>
    public static string NewRepeatFolder(TempFolder owner)
    {
        var folder = owner.NewFolder("surveys");
        XlsxWriter.Write(Path.Combine(folder, RepeatTest + ".xlsx"),
        [
            ("survey", [
                ["type", "name", "label", "constraint", "calculation"],
                ["begin repeat", "member", "Household member", "", ""],
                ["text", "mname", "Name", "", ""],
                ["integer", "age", "Age of ${mname}", ". < 130", ""],
                ["end repeat", "", "", "", ""],
                ["calculate", "members", "", "", "count(${member})"],
                ["text", "comment", "There are ${members} people. Anything else?", "", ""],
            ]),
            ("settings", [["form_id", "form_title", "version", "style"], [RepeatTest, "Repeat test", "1", "pages"]]),
        ]);
        return folder;
    }

    public const string CountedRepeatTest = "counted-repeat-test";

    /// <summary>A folder holding a form whose repeat is counted by an earlier answer, its questions with defaults (sealed by default).</summary>
    public static string NewCountedRepeatFolder(TempFolder owner)
    {
        var folder = owner.NewFolder("surveys");
        XlsxWriter.Write(Path.Combine(folder, CountedRepeatTest + ".xlsx"),
        [
            ("survey", [
                ["type", "name", "label", "repeat_count", "default"],
                ["begin group", "home", "Your visits", "", ""],
                ["integer", "visits", "How many visits?", "", ""],
                ["end group", "", "", "", ""],
                ["begin repeat", "visit", "Visit", "${visits}", ""],
                ["integer", "minutes", "How many minutes?", "", "30"],
                ["select_one yn", "helped", "Did it help?", "", "yes"],
                ["end repeat", "", "", "", ""],
            ]),
            ("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]),
            ("settings", [["form_id", "form_title", "version", "style"], [CountedRepeatTest, "Counted repeat test", "1", "pages"]]),
        ]);
        return folder;
    }

    private static List<(string, IReadOnlyList<IReadOnlyList<string>>)> Sheets() =>
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required", "relevant", "constraint", "constraint_message::English (en)", "constraint_message::العربية (ar)", "parameters"],
            ["begin group", "about", "About you", "عنك", "", "", "", "", "", ""],
            ["integer", "age", "How old are you?", "كم عمرك؟", "yes", "", ". >= 18 and . <= 120", "Please enter an age from 18 to 120.", "يرجى إدخال عمر بين 18 و120.", ""],
            ["select_one yesno", "helped", "Have you looked for help before?", "هل بحثت عن مساعدة من قبل؟", "yes", "", "", "", "", ""],
            ["text", "helper", "Where did you look?", "أين بحثت؟", "", "${helped} = 'yes'", "", "", "", ""],
            ["end group", "", "", "", "", "", "", "", "", ""],
            ["begin group", "feelings", "How often do you feel this way?", "كم مرة تشعر بهذا؟", "", "", "", "", "", ""],
            ["select_one freq", "f1", "Calm", "هادئ", "yes", "", "", "", "", ""],
            ["select_one freq", "f2", "Hopeful", "متفائل", "yes", "", "", "", "", ""],
            ["select_one freq", "f3", "Supported", "مدعوم", "yes", "", "", "", "", ""],
            ["select_one colour", "check", "To show you are reading, choose blue.", "لتبين أنك تقرأ، اختر الأزرق.", "yes", "", "", "", "", "attention_check=blue"],
            ["end group", "", "", "", "", "", "", "", "", ""],
            ["begin group", "last", "Last question", "السؤال الأخير", "", "", "", "", "", ""],
            ["text", "why", "Is there anything else you would like to tell us?", "هل هناك أي شيء آخر تود إخبارنا به؟", "", "", "", "", "", ""],
            ["end group", "", "", "", "", "", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
            ["freq", "never", "Never", "أبدا"],
            ["freq", "sometimes", "Sometimes", "أحيانا"],
            ["freq", "often", "Often", "غالبا"],
            ["colour", "red", "Red", "أحمر"],
            ["colour", "blue", "Blue", "أزرق"],
        ]),
        ("settings", [
            ["form_id", "form_title", "version", "default_language", "style"],
            [FlowTest, "Flow test", "1", "en", "pages"],
        ]),
    ];
}
