using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Corpus;

namespace Waymark.Content.Coding;

/// <summary>
/// Codes a small built-in text once on a background thread while the calling thread reads the codebook, so that
/// what a coding run needs first is ready before the run reaches it: the normalisation table of the default options
/// (ICU calls over every code unit) and the hot loops of the reader, the matcher and the counting, which are jitted
/// optimised at once ([AggressiveOptimization], never precompiled by ReadyToRun). On a 2-core machine that is about
/// a third of a short run's start-up moved off the thread that sets the wall time (docs/performance.md). Once per
/// process; the calling thread never waits for it (the runtime makes a caller wait only for a method being jitted).
/// </summary>
internal static class CodingWarmUp
{
    private static int _started;

    /// <summary>Starts the warm-up unless it has run in this process already.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var thread = new Thread(() => Run()) { IsBackground = true, Name = "coding warm-up" };
        thread.Start();
    }

    /// <summary>The built-in run: a few benign words in Latin, Cyrillic and Arabic script over paragraphs in each.</summary>
    internal static CodingReport Run()
    {
        Code[] codes =
        [
            new("warm-up", "river", null, CodeColors.Default(0), ["river", "green field"]),
            new("warm-up", "straße", null, CodeColors.Default(1), ["straße", "größe"]),
            new("warm-up", "река", null, CodeColors.Default(2), ["река", "зелёное поле"]),
            new("warm-up", "نهر", null, CodeColors.Default(3), ["نهر"]),
        ];
        var codebook = new Codebook("warm-up", null, false, [new Theme("warm-up", null, CodeColors.Default(0), codes)]);
        var engine = CodingEngine.Create(codebook, CodingUnit.Paragraph, keepCodings: false).Value!;
        var text = new StringBuilder();

        // Blocks of ASCII paragraphs (the block scan), then of other scripts (the UTF-8 scan, ASCII paragraphs alone).
        for (var i = 0; i < 24; i++)
        {
            text.Append("The river runs past a green field, and the river bends.\n\n");
        }

        for (var i = 0; i < 24; i++)
        {
            text.Append("Die Straße am Fluss hat die Größe einer Wiese.\n\nРека течёт мимо, зелёное поле.\n\nيجري النهر بجانب الحقل، نهر.\n\nA river (again).\n\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var post = new CorpusPost("warm-up", "warm-up", "warm-up", null, null, null, 0);
        Utf8ParagraphReader.Read(stream, post, engine, afterBlock: null, blockSize: 4096);
        return engine.Finish(Bands.None, 0);
    }
}
