using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Waymark.Surveys.Expressions;
using Waymark.Surveys.Paging;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Seeded fuzzing (System.Random with fixed seeds, bounded time): mutated real forms and random expressions
/// must give a result or a clear problem, never an exception or a hang.
/// </summary>
public sealed class FuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static IEnumerable<string> RealForms() =>
        Directory.GetFiles(TestEnvironment.Fixture("xlsform"), "*.xlsx", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys"), "*.xlsx"))
            .Order(StringComparer.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Byte_mutations_of_real_forms_never_crash_or_hang(int seed)
    {
        var random = new Random(seed);
        var forms = RealForms().Select(File.ReadAllBytes).ToList();
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < Budget && runs < 400)
        {
            var bytes = (byte[])forms[random.Next(forms.Count)].Clone();
            Mutate(bytes, random);
            var length = random.Next(4) == 0 ? random.Next(bytes.Length + 1) : bytes.Length;
            AssertResultOrProblem(bytes.AsSpan(0, length).ToArray());
            runs++;
        }

        Assert.True(runs >= 20, $"only {runs} runs in {Budget}");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Mutated_xml_inside_valid_zips_never_crashes(int seed)
    {
        var random = new Random(seed);
        var forms = RealForms().ToList();
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < Budget && runs < 300)
        {
            using var source = ZipFile.OpenRead(forms[random.Next(forms.Count)]);
            var parts = source.Entries.Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (e.FullName, copy.ToArray());
            }).ToList();
            var target = random.Next(parts.Count);
            var (name, content) = parts[target];
            if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rels", StringComparison.Ordinal))
            {
                parts[target] = (name, MutateText(Encoding.UTF8.GetString(content), random));
            }

            AssertResultOrProblem(XlsxBuilder.ZipBytes(parts));
            runs++;
        }

        Assert.True(runs >= 20, $"only {runs} runs in {Budget}");
    }

    private static void AssertResultOrProblem(byte[] bytes)
    {
        var build = XlsFormFile.Load(new MemoryStream(bytes), "fuzz.xlsx");
        if (build.IsSuccess)
        {
            // An importable form must also be usable: the page engine runs over it.
            var engine = new SurveyEngine(build.Instrument!);
            var answers = engine.Start();
            for (var page = engine.FirstPage(answers); page is { } p; page = engine.NextPage(p, answers))
            {
                engine.View(p, "en", answers);
                answers = engine.Submit(p, "en", answers, new Dictionary<string, IReadOnlyList<string>>()).Answers;
            }
        }
        else
        {
            Assert.Contains(build.Problems, p => p.Fatal && p.Message.Length > 0);
        }
    }

    private static void Mutate(byte[] bytes, Random random)
    {
        var count = 1 + random.Next(8);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(bytes.Length);
            bytes[at] = random.Next(3) switch
            {
                0 => (byte)random.Next(256),
                1 => (byte)(bytes[at] ^ (1 << random.Next(8))),
                _ => 0,
            };
        }
    }

    private static byte[] MutateText(string text, Random random)
    {
        var builder = new StringBuilder(text);
        string[] inserts = ["<", ">", "&", "\"", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "</row>", "<c r=\"ZZZZ1\">", "t=\"s\"", "<v>999999</v>", "\uFFFF", "\0", "${", "r=\"0\""];
        var count = 1 + random.Next(5);
        for (var i = 0; i < count && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Insert(at, inserts[random.Next(inserts.Length)]);
                    break;
                case 1:
                    builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(20)));
                    break;
                default:
                    builder[at] = (char)random.Next(32, 127);
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private sealed class RandomContext(Random random) : IEvaluationContext
    {
        private static readonly XValue[] Values =
        [
            XValue.Empty, XValue.FromString("a b"), XValue.FromString("12"), XValue.FromNumber(double.NaN),
            XValue.FromNumber(-3.5), XValue.FromNumber(1e300), XValue.FromBoolean(true), XValue.FromDate(new DateOnly(2026, 1, 1)),
        ];

        public XValue Current => Values[random.Next(Values.Length)];

        public DateOnly Today => new(2026, 11, 27);

        public XValue Reference(string name) => Values[random.Next(Values.Length)];

        public XValue ChoiceColumn(string name) => Values[random.Next(Values.Length)];

        public string ChoiceLabel(string question, string choice) => string.Empty;
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Random_expressions_parse_or_fail_with_a_position_and_evaluate_without_throwing(int seed)
    {
        var random = new Random(seed);
        string[] pieces =
        [
            "${a}", "${b}", ".", "1", "2.5", "'x'", "\"y\"", "(", ")", ",", "+", "-", "*", "div", "mod", "=", "!=", "<", "<=", ">", ">=",
            "and", "or", "not(", "if(", "selected(", "count-selected(", "coalesce(", "regex(", "string-length(", "concat(", "number(",
            "today()", "date(", "round(", "int(", "'[a-z]+'", "'('", "${", "}", "$", "'", "/", "[", "|", "..", "foo(", "name", " ",
        ];
        string[] valid = ["${a} > 1 and ${b} != 'x'", "if(selected(${a}, 'b'), 1, 2) + 3", "regex(., '^[0-9]{3}$')", "concat(${a}, ' ', string-length(${b}))", "not(. = '') or count-selected(.) >= 2"];
        var context = new RandomContext(random);
        var clock = Stopwatch.StartNew();
        var parsed = 0;
        var refused = 0;
        while (clock.Elapsed < Budget && parsed + refused < 20_000)
        {
            string source;
            if (random.Next(2) == 0)
            {
                var builder = new StringBuilder();
                var length = 1 + random.Next(12);
                for (var i = 0; i < length; i++)
                {
                    builder.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? " " : string.Empty);
                }

                source = builder.ToString();
            }
            else
            {
                var builder = new StringBuilder(valid[random.Next(valid.Length)]);
                var at = random.Next(builder.Length);
                builder.Insert(at, pieces[random.Next(pieces.Length)]);
                if (random.Next(2) == 0)
                {
                    builder.Remove(random.Next(builder.Length), 1);
                }

                source = builder.ToString();
            }

            if (Expression.TryParse(source, random.Next(2) == 0, out var expression, out var error))
            {
                _ = expression!.Evaluate(context).AsString();
                parsed++;
            }
            else
            {
                Assert.InRange(int.Parse(error!.Column!, CultureInfo.InvariantCulture), 1, source.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                refused++;
            }
        }

        Assert.True(parsed > 0 && refused > 0, $"parsed {parsed}, refused {refused}");
    }

    /// <summary>
    /// Random headers from pyxform's vocabulary (bind, control, media, jr, ::, :, spaces, languages, case) in random
    /// survey, choices and settings sheets: the header reader and the importer give a form or problems, never an
    /// exception; a header's meaning never depends on what other columns exist beyond the "::" switch, and a
    /// bind column that Waymark evaluates never comes back as "not used".
    /// </summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Random_headers_are_read_or_reported_never_thrown(int seed)
    {
        var random = new Random(seed);
        string[] words =
        [
            "bind", "control", "body", "media", "instance", "jr", "relevant", "relevance", "constraint", "constraintMsg", "requiredMsg",
            "required", "readonly", "read only", "calculate", "calculation", "appearance", "count", "label", "hint", "image", "audio",
            "English (en)", "fr", "list name", "name", "type", "value", "caption", "trigger", "save_to", "", " ", "Ä", "x",
        ];
        string[] separators = ["::", ":", " ", "_", string.Empty];
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < Budget && runs < 300)
        {
            string Header()
            {
                var builder = new StringBuilder(words[random.Next(words.Length)]);
                for (var i = random.Next(4); i > 0; i--)
                {
                    builder.Append(separators[random.Next(separators.Length)]).Append(words[random.Next(words.Length)]);
                }

                var text = builder.ToString();
                return random.Next(4) == 0 ? text.ToUpperInvariant() : text;
            }

            string[] headers = ["type", "name", .. Enumerable.Range(0, 1 + random.Next(6)).Select(_ => Header())];
            string[] values = ["text", "integer", "select_one l", "begin group", "end group", "note", "start", "phone number", "hidden", "yes", ". > 1", "${q1}", string.Empty];
            var rows = new List<string[]> { headers };
            for (var r = 0; r < 1 + random.Next(5); r++)
            {
                rows.Add(headers.Select((_, c) => c == 1 ? "q" + r : values[random.Next(values.Length)]).ToArray());
            }

            string[][] choices = [["list name", Header(), Header()], ["l", "a", "A"], ["l", "a", "B"]];
            string[][] settings = [[Header(), "allow_choice_duplicates"], [values[random.Next(values.Length)], "yes"]];
            var build = XlsFormHeaderTests.Load([.. rows], choices, settings);
            Assert.True(build.IsSuccess == !build.Problems.Any(p => p.Fatal), string.Join("\n", build.Problems));
            foreach (var header in headers.Skip(2).Where(h => h.Trim().Length > 0))
            {
                var column = SheetTable.ParseHeader(1, header, SheetKind.Survey, headers.Any(h => h.Contains("::", StringComparison.Ordinal)));
                Assert.False(string.IsNullOrEmpty(column.Base), header);
                if (column.Base is "relevant" or "constraint" or "calculation" or "required" or "read_only")
                {
                    Assert.DoesNotContain(build.Problems, p => p.Source == "survey" && p.Column == column.Describe && p.Message.Contains("not used", StringComparison.Ordinal));
                }
            }

            runs++;
        }

        Assert.True(runs >= 20, $"only {runs} runs in {Budget}");
    }
}
