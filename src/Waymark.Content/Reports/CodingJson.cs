using System.Text;
using System.Text.Json;
using Waymark.Content.Coding;

namespace Waymark.Content.Reports;

/// <summary>
/// The JSON of <c>waymark code</c>, in the shape docs/content-analysis.md documents:
/// <c>{"unit","documents","units","codes":[{"theme","code","hits","units","documents","band"}],"cooccurrence":[{"a","b","n","c"}]}</c>;
/// with <c>--per-document</c>/<c>--per-thread</c> also "per_document"/"per_thread": [{"id","codes":[{"code","hits","units"}]}] (codes with hits only).
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
