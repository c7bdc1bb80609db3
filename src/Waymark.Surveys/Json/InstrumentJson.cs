using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Waymark.Surveys.Json;

/// <summary>
/// The instrument as <c>waymark survey show --json</c> prints it (docs/surveys.md): <c>{"id","title","version","default_language","languages":[…],"translations":{lang:status},
/// "questions":[{"name","type","labels":{lang:text},"required","relevant","constraint","list",
/// "choices":[{"name","labels"}],"group"}]}</c>. <c>required</c> is true/false, or the expression text when
/// conditional; <c>group</c> is the group path "outer/inner", null outside groups. A form with repeats adds
/// <c>"repeats":[{"name","group","count"}]</c> (<c>count</c> the repeat_count expression, null when open-ended) and
/// <c>"repeat"</c> on each question of one; a loop's renamed question adds <c>"written_name"</c>, its name in the form.
/// </summary>
public static class InstrumentJson
{
    public static string Write(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("id", instrument.Settings.FormId);
            w.WriteString("title", instrument.Settings.Title);
            w.WriteString("version", instrument.Settings.Version);
            NullableString(w, "default_language", instrument.Settings.DefaultLanguage);
            w.WriteStartArray("languages");
            foreach (var language in instrument.Languages)
            {
                w.WriteStringValue(language.Key);
            }

            w.WriteEndArray();
            w.WriteStartObject("translations");
            foreach (var (language, status) in instrument.Settings.Translations)
            {
                w.WriteString(language, TranslationStatusNames.Name(status));
            }

            w.WriteEndObject();
            w.WriteStartArray("questions");
            foreach (var q in instrument.Questions)
            {
                w.WriteStartObject();
                w.WriteString("name", q.Name);
                w.WriteString("type", q.Type.XlsFormName());
                Labels(w, "labels", q.Labels);
                if (q.Required is null or "true()")
                {
                    w.WriteBoolean("required", q.Required is not null);
                }
                else
                {
                    w.WriteString("required", q.Required);
                }

                NullableString(w, "relevant", q.Relevant);
                NullableString(w, "constraint", q.Constraint);
                NullableString(w, "list", q.ListName);
                w.WriteStartArray("choices");
                foreach (var c in q.Choices)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    Labels(w, "labels", c.Labels);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                NullableString(w, "group", q.GroupPath.Count > 0 ? q.GroupPathText : null);
                if (instrument.RepeatOf(q.Name) is { } repeat)
                {
                    w.WriteString("repeat", repeat.Name);
                }

                if (q.SourceName is { } written)
                {
                    w.WriteString("written_name", written);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (instrument.Repeats.Count > 0)
            {
                w.WriteStartArray("repeats");
                foreach (var r in instrument.Repeats)
                {
                    w.WriteStartObject();
                    w.WriteString("name", r.Name);
                    w.WriteString("group", r.PathText);
                    NullableString(w, "count", r.RepeatCount);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Labels(Utf8JsonWriter w, string name, LocalizedText text)
    {
        w.WriteStartObject(name);
        foreach (var (language, value) in text.ByLanguage)
        {
            w.WriteString(language, value);
        }

        w.WriteEndObject();
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
