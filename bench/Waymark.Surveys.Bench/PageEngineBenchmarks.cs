using BenchmarkDotNet.Attributes;
using Waymark.Surveys.Paging;
using Waymark.Surveys.XlsForm;

namespace Waymark.Surveys.Bench;

/// <summary>
/// The per-request work of the survey flow on the demo instrument: render a page (View) and take a page
/// (Submit, which validates and settles), plus loading the .xlsx once. Run from the repository root:
/// dotnet run -c Release --project bench/Waymark.Surveys.Bench -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class PageEngineBenchmarks
{
    private static readonly string Form = Path.Combine("content", "surveys", "help-us-help-you.xlsx");
    private SurveyEngine _engine = null!;
    private IReadOnlyDictionary<string, string> _answers = null!;
    private Dictionary<string, IReadOnlyList<string>> _post = null!;
    private int _helpPage;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new SurveyEngine(XlsFormFile.Load(FindForm()).Instrument!);
        _answers = _engine.Settle(new Dictionary<string, string> { ["age"] = "30", ["age_first"] = "14", ["frequency"] = "weekly", ["wish_stop"] = "yes" });
        _helpPage = _engine.PageOf("help_sought")!.Value;
        _post = new Dictionary<string, IReadOnlyList<string>>
        {
            ["help_sought"] = ["yes"],
            ["help_received"] = ["no"],
            ["help_wanted"] = ["chat", "therapy"],
            ["comments"] = ["quenmix zorblat"],
        };
    }

    [Benchmark]
    public PageView ViewPage() => _engine.View(_helpPage, "ar", _answers);

    [Benchmark]
    public PageSubmission SubmitPage() => _engine.Submit(_helpPage, "ar", _answers, _post);

    [Benchmark]
    public InstrumentBuild LoadXlsForm() => XlsFormFile.Load(FindForm());

    private static string FindForm()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, Form);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return Form;
    }
}
