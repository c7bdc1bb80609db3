using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// XLSForms for the console instrument tests, made here with <see cref="XlsxWriter"/>: a good form in
/// English and Arabic, a broken one, and hostile files (zip bomb, traversal, DTD, XXE, not a zip).
/// </summary>
internal static partial class InstrumentFiles
{
    public const string Title = "Quenmix wellbeing check";

    /// <summary>Two pages in English and Arabic: a required choice, a question shown only after "yes", free text.</summary>
    public static byte[] Good(string formId, string version = "1") => Xlsx(
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required", "relevant"],
            ["begin group", "first", "First page", "الصفحة الأولى", "", ""],
            ["select_one yesno", "talked", "Have you talked to someone?", "هل تحدثت إلى أحد؟", "yes", ""],
            ["text", "who", "Who did you talk to?", "مع من تحدثت؟", "", "${talked} = 'yes'"],
            ["end group", "", "", "", "", ""],
            ["begin group", "second", "Second page", "الصفحة الثانية", "", ""],
            ["text", "more", "Anything else?", "هل من شيء آخر؟", "", ""],
            ["end group", "", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
        ]),
        ("settings", [
            ["form_id", "form_title", "version", "default_language", "style"],
            [formId, Title, version, "en", "pages"],
        ]),
    ]);

    /// <summary>Version 2 of <see cref="Good"/>: "more" removed, "since" added, "talked" with a third choice, "who" a number now.</summary>
    public static byte[] SecondVersion(string formId) => Xlsx(
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required", "relevant"],
            ["begin group", "first", "First page", "الصفحة الأولى", "", ""],
            ["select_one yesno", "talked", "Have you talked to someone?", "هل تحدثت إلى أحد؟", "yes", ""],
            ["integer", "who", "How many people did you talk to?", "مع كم شخصًا تحدثت؟", "", "${talked} = 'yes'"],
            ["end group", "", "", "", "", ""],
            ["begin group", "second", "Second page", "الصفحة الثانية", "", ""],
            ["text", "since", "Since when?", "منذ متى؟", "", ""],
            ["end group", "", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
            ["yesno", "unsure", "Not sure", "لست متأكدًا"],
        ]),
        ("settings", [
            ["form_id", "form_title", "version", "default_language", "style"],
            [formId, Title, "2", "en", "pages"],
        ]),
    ]);

    /// <summary>A form with a refused question type on survey row 3 and an unknown choice list on row 4.</summary>
    public static byte[] Broken(string formId) => Xlsx(
    [
        ("survey", [
            ["type", "name", "label"],
            ["text", "name_ok", "Fine"],
            ["geopoint", "where", "Where are you?"],
            ["select_one nolist", "pick", "Pick one"],
        ]),
        ("settings", [["form_id", "version"], [formId, "1"]]),
    ]);

    public static byte[] Xlsx(IReadOnlyList<(string Name, IReadOnlyList<IReadOnlyList<string>> Rows)> sheets)
    {
        using var folder = TempFolder.Create("xlsx");
        var path = folder.File("form.xlsx");
        XlsxWriter.Write(path, sheets);
        return File.ReadAllBytes(path);
    }

    /// <summary>A good form whose worksheet part is replaced, to carry hostile XML inside a real package.</summary>
    public static byte[] WithPart(string part, string xml) => Rezip(Good("hostile"), entries =>
    {
        entries[part] = Encoding.UTF8.GetBytes(xml);
    });

    /// <summary>A worksheet that unpacks to <paramref name="megabytes"/> MB of blanks: compresses about 1000:1.</summary>
    public static byte[] ZipBomb(int megabytes) => Rezip(Good("bomb"), entries =>
    {
        var blanks = new byte[megabytes * 1024 * 1024];
        Array.Fill(blanks, (byte)' ');
        var head = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8.ToArray();
        entries["xl/worksheets/sheet1.xml"] = [.. head, .. blanks, .. "</sheetData></worksheet>"u8.ToArray()];
    });

    /// <summary>A good form with one more entry whose name climbs out of the package.</summary>
    public static byte[] Traversal() => Rezip(Good("traversal"), entries => entries["../../etc/evil.xml"] = "<x/>"u8.ToArray());

    public const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>
        """;

    /// <summary>An external entity pointing at a file of the server: its content must never come back.</summary>
    public static string ExternalEntity(string path) => $"""
        <?xml version="1.0"?>
        <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{path}">]>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
        """;

    private static byte[] Rezip(byte[] xlsx, Action<Dictionary<string, byte[]>> change)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        change(entries);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>Posts the upload form as a browser does (multipart, with the page's anti-forgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(ConsoleSession session, byte[] form, string fileName = "form.xlsx", byte[]? key = null, bool expectContinue = false)
    {
        var page = await session.Client.GetStringAsync("/console/instruments/upload");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(form);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "form", fileName);
        if (key is not null)
        {
            content.Add(new ByteArrayContent(key), "key", "research.pub");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/console/instruments/upload") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        return await session.Client.SendAsync(request);
    }

    /// <summary>The upload id from the redirect to the detail page.</summary>
    public static long IdFrom(HttpResponseMessage response) =>
        long.Parse(DetailPath().Match(response.Headers.Location?.OriginalString ?? "").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Presses Publish (ticking the unsealed confirmation when asked) or Close on the detail page.</summary>
    public static async Task<HttpResponseMessage> PressAsync(ConsoleSession session, long id, string handler, bool confirmUnsealed = false)
    {
        var page = await session.Client.GetStringAsync($"/console/instruments/{id}");
        var fields = new List<KeyValuePair<string, string>>();
        if (confirmUnsealed)
        {
            fields.Add(new("confirm_unsealed", "yes"));
        }

        return await session.FollowAsync(await session.PostFormAsync($"/console/instruments/{id}?handler={handler}", page, fields));
    }

    [GeneratedRegex(@"^/console/instruments/(\d+)")]
    private static partial Regex DetailPath();
}
