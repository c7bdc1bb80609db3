using System.Net;
using Waymark.Accounts;
using Waymark.Testing;
using Xunit.Abstractions;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Hostile files through the console's Upload page (a signed-in editor): each is refused with a clear
/// message and a 4xx, nothing is stored, the node keeps serving, and the memory the server allocates
/// for one upload stays under <see cref="AllocationCap"/> (measured in process with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>; the bounded .xlsx reader's caps are docs/adr/0010's).
/// </summary>
public sealed class InstrumentHostileUploadTests(StaffFixture staff, ITestOutputHelper output) : IClassFixture<StaffFixture>
{
    /// <summary>Bytes the whole process may allocate for one hostile upload (the zip bomb unpacks to 20 MB of XML).</summary>
    private const long AllocationCap = 16L * 1024 * 1024;

    public static TheoryData<string, int, string> Cases => new()
    {
        { "zip-bomb", 422, "(a zip bomb?)" },
        { "traversal", 422, "unsafe entry name '../../etc/evil.xml' (path traversal)" },
        { "billion-laughs", 422, "DTD" },
        { "external-entity", 422, "DTD" },
        { "not-a-zip", 400, "not an .xlsx workbook" },
        { "old-xls", 400, "old-style .xls workbook" },
        { "empty", 400, "choose an XLSForm" },
    };

    private static byte[] File(string name) => name switch
    {
        "zip-bomb" => InstrumentFiles.ZipBomb(20),
        "traversal" => InstrumentFiles.Traversal(),
        "billion-laughs" => InstrumentFiles.WithPart("xl/worksheets/sheet1.xml", InstrumentFiles.BillionLaughs),
        "external-entity" => InstrumentFiles.WithPart("xl/worksheets/sheet1.xml", InstrumentFiles.ExternalEntity("/etc/passwd")),
        "not-a-zip" => "type,name,label\ntext,zorblat,Hello\n"u8.ToArray(),
        "old-xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_file_is_refused_clearly_stores_nothing_and_allocates_little(string name, int status, string message)
    {
        var editor = staff.SessionOf(ConsoleRole.Editor);
        var bytes = File(name);
        var before = await staff.Server.Database.Instruments.ListAsync();
        await editor.Client.GetStringAsync("/console/instruments/upload"); // warm: the measured request is the upload alone

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await InstrumentFiles.UploadAsync(editor, bytes, fileName: "innocent.xlsx");
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        output.WriteLine($"{name}: {bytes.Length:N0} bytes uploaded, {(int)response.StatusCode}, {allocated / (1024.0 * 1024):F1} MiB allocated in the process");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        var page = HtmlPage.Parse(raw);
        Assert.True(page.Has("#upload-error[role=alert]"));
        Assert.Equal(status == 422, page.Has("#problems"));
        Assert.DoesNotContain("root:", html, StringComparison.Ordinal);
        Assert.True(allocated < AllocationCap, $"{name}: {allocated:N0} bytes allocated");
        Assert.Equal(before.Count, (await staff.Server.Database.Instruments.ListAsync()).Count);

        using var still = await editor.Client.GetAsync("/console/instruments");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        using var publicHome = await new HttpClient().GetAsync(new Uri(staff.Server.PublicUrl, "/en/"));
        Assert.Equal(HttpStatusCode.OK, publicHome.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_the_node_keeps_serving()
    {
        var editor = staff.SessionOf(ConsoleRole.Editor);
        var big = new byte[6 * 1024 * 1024];
        "PK\u0003\u0004"u8.CopyTo(big);

        // Expect: 100-continue, as browsers and proxies may send it: the server refuses on the declared length, before the body.
        using var response = await InstrumentFiles.UploadAsync(editor, big, expectContinue: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);

        // Between the site's 1 MiB and the route's cap: accepted as a request, refused as a form with a message.
        var middling = new byte[3 * 1024 * 1024];
        "PK\u0003\u0004"u8.CopyTo(middling);
        using var accepted = await InstrumentFiles.UploadAsync(editor, middling);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, accepted.StatusCode);
        Assert.Contains("is not a valid .xlsx file", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var still = await editor.Client.GetAsync("/console/instruments");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Seeded_random_mutations_of_a_good_form_never_get_a_server_error()
    {
        var editor = staff.SessionOf(ConsoleRole.Editor);
        var random = new Random(8070);
        var good = InstrumentFiles.Good("fuzz-check");
        var outcomes = new Dictionary<int, int>();
        for (var i = 0; i < 60; i++)
        {
            var bytes = (byte[])good.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                bytes = bytes[..random.Next(4, bytes.Length)];
            }

            using var response = await InstrumentFiles.UploadAsync(editor, bytes);
            var status = (int)response.StatusCode;
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
            Assert.True(status is 302 or 400 or 422, $"mutation {i}: {status}");
        }

        output.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault(422) > 0, "no mutation reached the reader's own refusals");
    }
}
