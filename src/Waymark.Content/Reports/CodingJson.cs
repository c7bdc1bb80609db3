using System.Text;
using System.Text.Json;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;

namespace Waymark.Content.Reports;

/// <summary>
/// The JSON of <c>waymark code</c>, in the shape docs/content-analysis.md documents:
/// <c>{"unit","documents","units","codes":[{"theme","code","hits","units","documents","band"}],"cooccurrence":[{"a","b","n","c"}]}</c>;
/// with <c>--per-document</c>/<c>--per-thread</c> also "per_document"/"per_thread": [{"id","codes":[{"code","hits","units"}]}] (codes with hits only).
/// A codebook with a method adds "method": {"citation","unit","documents","communities","tool","gaps"}; one with reference counts
/// adds "published" and "ratio" to every code (null where the code has none or the units differ).
/// </summary>
internal static class CodingJson
{
    public static string Write(CodingReport report, bool perDocument, bool perThread)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("unit", CodingUnits.Name(report.Unit));
            w.WriteNumber("documents", report.Documents);
            w.WriteNumber("units", report.Units);
            if (report.Codebook.Method is { } method)
            {
                Method(w, method);
            }

            w.WriteStartArray("codes");
            foreach (var code in report.Codes)
            {
                w.WriteStartObject();
                w.WriteString("theme", code.Code.Theme);
                w.WriteString("code", code.Code.Name);
                w.WriteNumber("hits", code.Hits);
                w.WriteNumber("units", code.Units);
                w.WriteNumber("documents", code.Documents);
                if (code.Band is null)
                {
                    w.WriteNull("band");
                }
                else
                {
                    w.WriteString("band", code.Band);
                }

                if (report.ComparesWithPublished)
                {
                    NumberOrNull(w, "published", code.Code.Reference);
                    NumberOrNull(w, "ratio", report.Ratio(code) is { } ratio ? Math.Round(ratio, 6) : null);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cooccurrence");
            foreach (var pair in report.Cooccurrences)
            {
                w.WriteStartObject();
                w.WriteString("a", pair.A);
                w.WriteString("b", pair.B);
                w.WriteNumber("n", pair.N);
                w.WriteNumber("c", Math.Round(pair.C, 6));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (perDocument)
            {
                Groups(w, "per_document", report.PerDocument, report);
            }

            if (perThread)
            {
                Groups(w, "per_thread", report.PerThread, report);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Method(Utf8JsonWriter w, StudyMethod method)
    {
        w.WriteStartObject("method");
        w.WriteString("citation", method.Citation);
        w.WriteString("unit", method.Unit is { } unit ? CodingUnits.Name(unit) : null);
        NumberOrNull(w, "documents", method.Documents);
        NumberOrNull(w, "communities", method.Communities);
        w.WriteString("tool", method.Tool);
        w.WriteStringArray("gaps", method.Gaps);
        w.WriteEndObject();
    }

    // Counts pass through double exactly (below 2^53) and are written without a fraction.
    private static void NumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Groups(Utf8JsonWriter w, string name, IReadOnlyList<GroupCounts> groups, CodingReport report)
    {
        var kept = report.Codes.Select(c => report.Codebook.IndexOf(c.Code.Name)).ToList();
        w.WriteStartArray(name);
        foreach (var group in groups.OrderBy(g => g.Id, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", group.Id);
            w.WriteStartArray("codes");
            foreach (var k in kept.Where(k => group.Hits[k] > 0))
            {
                w.WriteStartObject();
                w.WriteString("code", report.Codebook.Codes[k].Name);
                w.WriteNumber("hits", group.Hits[k]);
                w.WriteNumber("units", group.Units[k]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
