using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Lingua;
using Waymark.Testing;
using Waymark.Web.Localization;
using Xunit.Abstractions;

namespace Waymark.Language.Tests;

/// <summary>
/// Every public page's visible text is in the language it declares (docs/translation.md): the pages of
/// all 24 languages are crawled on one real server, their text is grouped by the nearest <c>lang</c>
/// attribute, and Lingua identifies each block of text. English shown where a translation is missing
/// passes only because the page marks it <c>lang="en"</c>.
/// </summary>
/// <remarks>
/// What a language identifier cannot tell apart is accepted as alike, and said here:
/// <list type="bullet">
/// <item>Bosnian and Croatian (Latin script) are one standard language in practice: a bs or hr block may be
/// identified as Bosnian, Croatian or Serbian. Serbian here is Cyrillic, so an sr block must also be in
/// Cyrillic script; bs and hr blocks must be Latin.</item>
/// <item>Lingua has no Nepali model: a ne block (and an hi block) may be identified as Hindi or Marathi, the
/// Devanagari languages it knows, or as Unknown when those two tie (seen on Nepali warnings and the Hindi
/// privacy page). The test proves Devanagari text that is not another site language, not Hindi versus Nepali.</item>
/// <item>Names are in no page's language: elements marked <c>translate="no"</c> (an organisation's name) are not judged.</item>
/// <item>Lingua has one Chinese: zh-hans and zh-hant are told apart by script, counting characters that
/// exist in only one of the two forms (a block must not have more of the other form's than of its own).</item>
/// <item>A Japanese block written wholly in kanji (no kana) is Chinese to any identifier: accepted as Japanese.</item>
/// </list>
/// Blocks shorter than <see cref="BlockLetters"/> letters are not judged alone (a button saying "OK" is
/// any language) but join the page's text of their declared language, which is judged as a whole.
/// </remarks>
public sealed partial class PageLanguageTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    /// <summary>Letters a block needs to be identified on its own.</summary>
    private const int BlockLetters = 40;

    /// <summary>Letters a page's text in one declared language needs to be identified.</summary>
    private const int GroupLetters = 15;

    private static readonly string[] Pages = ["", "warning", "help", "parents", "directory/report", "directory", "privacy", "about", "professionals", "languages"];

    private static readonly Dictionary<string, Lingua.Language[]> Accepted = new(StringComparer.Ordinal)
    {
        ["en"] = [Lingua.Language.English],
        ["ar"] = [Lingua.Language.Arabic],
        ["bs"] = [Lingua.Language.Bosnian, Lingua.Language.Croatian, Lingua.Language.Serbian],
        ["hr"] = [Lingua.Language.Bosnian, Lingua.Language.Croatian, Lingua.Language.Serbian],
        ["sr"] = [Lingua.Language.Serbian],
        ["de"] = [Lingua.Language.German],
        ["el"] = [Lingua.Language.Greek],
        ["es"] = [Lingua.Language.Spanish],
        ["fa"] = [Lingua.Language.Persian],
        ["fi"] = [Lingua.Language.Finnish],
        ["fr"] = [Lingua.Language.French],
        ["hi"] = [Lingua.Language.Hindi, Lingua.Language.Marathi],
        ["ne"] = [Lingua.Language.Hindi, Lingua.Language.Marathi],
        ["it"] = [Lingua.Language.Italian],
        ["ja"] = [Lingua.Language.Japanese],
        ["nl"] = [Lingua.Language.Dutch],
        ["pl"] = [Lingua.Language.Polish],
        ["pt"] = [Lingua.Language.Portuguese],
        ["ru"] = [Lingua.Language.Russian],
        ["sv"] = [Lingua.Language.Swedish],
        ["ta"] = [Lingua.Language.Tamil],
        ["uk"] = [Lingua.Language.Ukrainian],
        ["zh-hans"] = [Lingua.Language.Chinese],
        ["zh-hant"] = [Lingua.Language.Chinese],
    };

    /// <summary>One detector for every language the site has (and Marathi, for the Devanagari pages).</summary>
    private static readonly LanguageDetector Detector = LanguageDetectorBuilder
        .FromLanguages([.. Accepted.Values.SelectMany(languages => languages).Distinct()])
        .Build();

    /// <summary>Characters found in only one of the two written forms of Chinese, in pairs (simplified, traditional), common in the site's text.</summary>
    private const string ChinesePairs = "这這个個们們说說时時会會对對发發与與为為国國语語请請帮幫应應该該问問题題过過进進见見关關开開经經现現点點样樣还還让讓没沒学學东東车車长長书書门門网網页頁隐隱选選择擇报報导導护護页頁务務间間录錄无無论論认認识識让讓儿兒童童亲親谈談话話动動态態线線"
        + "难難虑慮险險惯慣习習乐樂愿願计計划劃处處复復联聯系係继繼续續该該边邊观觀听聽读讀写寫称稱种種类類虚虛拟擬实實际際条條资資讯訊络絡缘緣绪緒";

    private static readonly HashSet<char> SimplifiedOnly = [.. ChinesePairs.Where((_, i) => i % 2 == 0).Where(c => !ChinesePairs.Where((_, i) => i % 2 == 1).Contains(c))];

    private static readonly HashSet<char> TraditionalOnly = [.. ChinesePairs.Where((_, i) => i % 2 == 1).Where(c => !ChinesePairs.Where((_, i) => i % 2 == 0).Contains(c))];

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "label", "legend", "caption",
        "button", "option", "summary", "figcaption", "blockquote", "title", "a", "div", "section", "article", "header", "footer", "main", "nav", "body",
    };

    public static TheoryData<string> AllLanguages()
    {
        var data = new TheoryData<string>();
        foreach (var language in Languages.All)
        {
            data.Add(language.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task Every_block_of_every_page_is_in_the_language_it_declares(string language)
    {
        using var http = new HttpClient();
        var problems = new List<string>();
        var judged = 0;
        var paths = Pages.Concat(Articles("selfhelp", "help")).Concat(Articles("parents", "parents")).Select(page => $"/{language}/{page}")
            .Concat(VariantIds().Select(variant => $"/{language}/warning?v={variant}"));
        foreach (var path in paths)
        {
            var html = await http.GetStringAsync(new Uri(fixture.Server.PublicUrl, path));
            judged += JudgePage(language, path, new HtmlParser().ParseDocument(html), problems);
        }

        output.WriteLine($"{language}: {judged} blocks and groups judged, {problems.Count} problems.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Judges one page's blocks and per-language text, adding what is wrong to <paramref name="problems"/>; returns how many were judged.</summary>
    internal static int JudgePage(string language, string path, IDocument document, List<string> problems)
    {
        Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
        var judged = 0;
        var blocks = Blocks(document);
        foreach (var block in blocks.Where(block => Letters(block.Text) >= BlockLetters))
        {
            judged++;
            if (Judge(block.Language, block.Text) is { } problem)
            {
                problems.Add($"{path}: a block declared {block.Language} {problem}: \"{Shorten(block.Text)}\"");
            }
        }

        foreach (var group in blocks.GroupBy(block => block.Language, StringComparer.Ordinal))
        {
            var text = string.Join(" ", group.Select(block => block.Text));
            if (Letters(text) >= GroupLetters && Judge(group.Key, text) is { } problem)
            {
                judged++;
                problems.Add($"{path}: the text declared {group.Key} {problem}: \"{Shorten(text)}\"");
            }
        }

        return judged;
    }

    [Fact]
    public void The_identifier_tells_the_site_s_languages_apart_and_finds_english_in_a_translated_block()
    {
        Assert.Null(Judge("de", "Diese Suche wurde gestoppt. Anonyme Hilfe gibt es jetzt, ohne dass Sie Ihren Namen nennen müssen."));
        Assert.NotNull(Judge("de", "This search was stopped. Anonymous help exists now, and you do not need to give your name."));
        Assert.NotNull(Judge("sr", "Ovaj dio još nije preveden na vaš jezik, pa se prikazuje na engleskom."));
        Assert.Null(Judge("sr", "Овај део још није преведен на ваш језик, па се приказује на енглеском."));
        Assert.Null(Judge("zh-hans", "这一部分尚未翻译成你的语言，因此以英文显示。"));
        Assert.NotNull(Judge("zh-hans", "這一部分尚未翻譯成你的語言，因此以英文顯示。"));
        Assert.Null(Judge("zh-hant", "這一部分尚未翻譯成你的語言，因此以英文顯示。"));
        Assert.Null(Judge("ne", "यो भाग अझै तपाईंको भाषामा अनुवाद भएको छैन, त्यसैले अङ्ग्रेजीमा देखाइएको छ।"));
    }

    /// <summary>Null when <paramref name="text"/> is in <paramref name="declared"/> (or what the identifier cannot tell from it), else what it is.</summary>
    private static string? Judge(string declared, string text)
    {
        if (!Accepted.TryGetValue(declared, out var accepted))
        {
            // A language the site has no pages in (a directory entry's Kiswahili) is named in its own language; not judged.
            return declared.Length == 0 ? "has no lang attribute" : null;
        }

        var cleaned = Clean(text);
        var cyrillic = cleaned.Count(c => c is >= '\u0400' and <= '\u04FF');
        var latin = cleaned.Count(char.IsAsciiLetter);
        if (declared == "sr" && latin > cyrillic)
        {
            return "is in Latin script, not Serbian Cyrillic";
        }

        if (declared is "bs" or "hr" && cyrillic > latin)
        {
            return "is in Cyrillic script, not Latin";
        }

        if (declared.StartsWith("zh-", StringComparison.Ordinal))
        {
            var simplified = cleaned.Count(SimplifiedOnly.Contains);
            var traditional = cleaned.Count(TraditionalOnly.Contains);
            if (declared == "zh-hans" ? traditional > simplified : simplified > traditional)
            {
                return $"is in the other written form of Chinese ({simplified} simplified-only, {traditional} traditional-only characters)";
            }
        }

        var detected = Detector.DetectLanguageOf(cleaned);
        if (accepted.Contains(detected))
        {
            return null;
        }

        var kana = cleaned.Any(c => c is >= '\u3040' and <= '\u30FF');
        var devanagari = cleaned.Count(c => c is >= '\u0900' and <= '\u097F');
        return (declared == "ja" && detected == Lingua.Language.Chinese && !kana)
            || (declared is "hi" or "ne" && detected == Lingua.Language.Unknown && devanagari > cleaned.Count(char.IsLetter) / 2)
            ? null
            : $"reads as {detected}";
    }

    /// <summary>The visible text of a page by block: each block's text per declared language (the nearest lang attribute).</summary>
    private static List<(string Language, string Text)> Blocks(IDocument document)
    {
        var blocks = new Dictionary<(IElement Block, string Language), StringBuilder>();
        var order = new List<(IElement Block, string Language)>();
        var title = document.Head?.QuerySelector("title");
        foreach (var node in (title is null ? Enumerable.Empty<INode>() : title.ChildNodes).Concat(document.Body!.Descendants()).OfType<IText>())
        {
            var parent = node.ParentElement;
            // translate="no" marks names (an organisation's name is not translated, and is in no page's language).
            if (parent is null || parent.Closest("script, style, noscript, template, [translate=no]") is not null || string.IsNullOrWhiteSpace(node.Data))
            {
                continue;
            }

            var language = parent.Closest("[lang]")?.GetAttribute("lang") ?? "";
            var block = parent;
            while (!BlockElements.Contains(block.LocalName) && block.ParentElement is { } up)
            {
                block = up;
            }

            var key = (block, language);
            if (!blocks.TryGetValue(key, out var text))
            {
                blocks[key] = text = new StringBuilder();
                order.Add(key);
            }

            text.Append(node.Data).Append(' ');
        }

        return order.Select(key => (key.Language, Whitespace().Replace(blocks[key].ToString(), " ").Trim())).ToList();
    }

    /// <summary>The text without what belongs to no language: addresses, numbers, the site's name.</summary>
    private static string Clean(string text) =>
        Whitespace().Replace(NoLanguage().Replace(text, " "), " ").Trim();

    private static int Letters(string text) => Clean(text).Count(char.IsLetter);

    internal static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    /// <summary>The warning variants: the ids of content/screening/variants.tsv, as the server has them.</summary>
    /// <summary>Every module or article of a content section, as its page path: all of them, so a new one is judged the day it lands.</summary>
    private static IEnumerable<string> Articles(string section, string path) =>
        Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, "content", section, "en"), "*.md")
            .Where(file => Path.GetFileName(file) != "index.md")
            .Order(StringComparer.Ordinal)
            .Select(file => File.ReadLines(file).First(line => line.StartsWith("id:", StringComparison.Ordinal))[3..].Trim())
            .Select(id => $"{path}/{id}");

    private static List<string> VariantIds() =>
        [.. File.ReadLines(Path.Combine(TestEnvironment.RepositoryRoot, "content", "screening", "variants.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('\t')[0])];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"https?://\S+|www\.\S+|[\w.-]+\.onion\S*|\S+@\S+\.\S+|\bWaymark\b|[\p{N}\p{P}\p{S}]+")]
    private static partial Regex NoLanguage();
}
