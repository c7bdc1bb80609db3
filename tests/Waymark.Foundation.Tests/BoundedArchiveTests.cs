using System.IO.Compression;
using System.Text;

namespace Waymark.Foundation.Tests;

/// <summary>
/// The one reader of untrusted zip archives: unsafe names and too many entries refused on opening, inflation counted
/// per entry and in all, and damaged bytes (a seeded fuzz) failing only in the two documented ways.
/// </summary>
public sealed class BoundedArchiveTests
{
    private static readonly ArchiveLimits Generous = new(MaxEntries: 100, MaxEntryBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxCompressionRatio: 200);

    [Theory]
    [InlineData("../evil.xml")]
    [InlineData("a/../../evil.xml")]
    [InlineData("/etc/evil.xml")]
    [InlineData("a\\evil.xml")]
    [InlineData("c:evil.xml")]
    [InlineData("./evil.xml")]
    [InlineData("evil\u0001.xml")]
    public void An_unsafe_entry_name_is_refused_on_opening(string name)
    {
        var refused = Assert.Throws<ArchiveLimitException>(() => BoundedArchive.Open(Zip((name, "<x/>"u8.ToArray())), Generous));
        Assert.Equal(ArchiveRefusal.UnsafeName, refused.Refusal);
        Assert.DoesNotContain('\u0001', refused.Entry);
    }

    [Fact]
    public void Safe_names_open_and_read_back()
    {
        using var zip = BoundedArchive.Open(Zip(("xl/workbook.xml", "<x/>"u8.ToArray()), ("sources/a b.txt", "zorblat"u8.ToArray())), Generous);
        Assert.Equal(2, zip.Entries.Count);
        using var reader = new StreamReader(zip.OpenEntry(zip.Find("SOURCES/A B.TXT", StringComparison.OrdinalIgnoreCase)!), Encoding.UTF8);
        Assert.Equal("zorblat", reader.ReadToEnd());
        Assert.Null(zip.Find("SOURCES/A B.TXT"));
    }

    [Fact]
    public void Too_many_entries_are_refused_on_opening()
    {
        var refused = Assert.Throws<ArchiveLimitException>(() => BoundedArchive.Open(
            Zip([.. Enumerable.Range(0, 11).Select(i => ($"e{i}.xml", "<x/>"u8.ToArray()))]), Generous with { MaxEntries = 10 }));
        Assert.Equal((ArchiveRefusal.TooManyEntries, 10L), (refused.Refusal, refused.Limit));
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_ratio_by_its_size_and_by_what_all_entries_inflate_to()
    {
        var zeros = new byte[3 << 20];
        using (var zip = BoundedArchive.Open(Zip(("bomb.xml", zeros)), Generous))
        {
            Assert.Equal(ArchiveRefusal.EntryTooLarge, Assert.Throws<ArchiveLimitException>(() => zip.OpenEntry(zip.Find("bomb.xml")!)).Refusal);
        }

        using (var zip = BoundedArchive.Open(Zip(("bomb.xml", zeros)), Generous with { MaxEntryBytes = 0 }))
        {
            Assert.Equal(ArchiveRefusal.CompressedTooFar, Assert.Throws<ArchiveLimitException>(() => zip.OpenEntry(zip.Find("bomb.xml")!)).Refusal);
        }

        // Each entry within its own limit, the three together beyond the archive's: stopped while reading the third.
        var part = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 60_000).Select(i => i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture))));
        using (var zip = BoundedArchive.Open(Zip(("a.xml", part), ("b.xml", part), ("c.xml", part)), Generous with { MaxTotalBytes = 2 * part.Length + 10 }))
        {
            ReadAll(zip, "a.xml");
            ReadAll(zip, "b.xml");
            var refused = Assert.Throws<ArchiveLimitException>(() => ReadAll(zip, "c.xml"));
            Assert.Equal((ArchiveRefusal.TotalTooLarge, "c.xml"), (refused.Refusal, refused.Entry));
        }
    }

    [Fact]
    public void Damaged_archives_fail_only_as_damaged_or_past_a_limit_seeded_fuzz()
    {
        var original = Zip(("xl/workbook.xml", Encoding.UTF8.GetBytes(new string('w', 5000))), ("xl/sheet1.xml", "<sheet>zorblat</sheet>"u8.ToArray())).ToArray();
        var random = new Random(20261207);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var outcome = "read";
            try
            {
                using var zip = BoundedArchive.Open(new MemoryStream(bytes), Generous);
                foreach (var entry in zip.Entries)
                {
                    using var stream = zip.OpenEntry(entry);
                    stream.CopyTo(Stream.Null);
                }
            }
            catch (InvalidDataException)
            {
                outcome = "damaged";
            }
            catch (ArchiveLimitException e)
            {
                outcome = e.Refusal.ToString();
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.GetValueOrDefault("damaged") > 100, string.Join(", ", outcomes));
    }

    private static void ReadAll(BoundedArchive zip, string name)
    {
        using var stream = zip.OpenEntry(zip.Find(name)!);
        stream.CopyTo(Stream.Null);
    }

    private static MemoryStream Zip(params (string Name, byte[] Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
