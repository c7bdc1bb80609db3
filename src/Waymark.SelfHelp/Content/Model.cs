namespace Waymark.SelfHelp.Content;

/// <summary>
/// Where a piece of content came from: its own language, or English because no translation exists yet.
/// <paramref name="IsStale"/>: a translation made from an older version of the English file (docs/translation.md).
/// </summary>
public sealed record ContentLanguage(string Code, bool IsFallback, bool IsStale = false)
{
    /// <summary>The HTML <c>dir</c> of the content itself (English fallback on an Arabic page is left to right).</summary>
    public string Direction => Code is "ar" or "fa" or "he" or "ur" ? "rtl" : "ltr";
}

public enum ExerciseKind
{
    Text,
    Checklist,
    Scale,
    Plan,
}

public sealed record Choice(string Id, string Label);

public sealed record Exercise(
    string Id,
    ExerciseKind Kind,
    string Prompt,
    IReadOnlyList<Choice> Choices,
    int Min,
    int Max,
    string MinLabel,
    string MaxLabel,
    IReadOnlyList<string> Modules,
    IReadOnlyList<RecallReference> Recalls)
{
    /// <summary>The answer keys this exercise writes: its id, or <c>id.choice</c> for checklists and plans.</summary>
    public IEnumerable<string> AnswerKeys =>
        Kind is ExerciseKind.Text or ExerciseKind.Scale ? [Id] : Choices.Select(choice => Id + "." + choice.Id);
}

/// <summary>
/// An earlier answer an exercise shows back: the exercise <paramref name="Exercise"/> of module (or tool)
/// <paramref name="Module"/>, or only its field or option <paramref name="Choice"/> when given.
/// Written in the content as <c>module/exercise</c> or <c>module/exercise/choice</c>.
/// </summary>
public sealed record RecallReference(string Module, string Exercise, string? Choice)
{
    /// <summary>The reference in <paramref name="text"/>, or null when it is not two or three ids separated by <c>/</c>.</summary>
    public static RecallReference? Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        return parts.Length is 2 or 3 && parts.All(part => part.Length > 0)
            ? new RecallReference(parts[0], parts[1], parts.Length == 3 ? parts[2] : null)
            : null;
    }

    public override string ToString() => Choice is null ? $"{Module}/{Exercise}" : $"{Module}/{Exercise}/{Choice}";
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "A programme module is what the content calls it; Waymark is consumed from C# only, where Module is no keyword.")]
public sealed record Module(
    string Id,
    int Order,
    string Title,
    string Summary,
    string Html,
    IReadOnlyList<Exercise> Exercises,
    ContentLanguage Language,
    ClinicalReview Review,
    IReadOnlyList<string> Sources)
{
    public IEnumerable<string> AnswerKeys => Exercises.SelectMany(exercise => exercise.AnswerKeys);
}

/// <summary>Whether qualified clinicians have reviewed a module (of its English text): <c>draft</c>, or <c>reviewed</c> by whom and when.</summary>
public sealed record ClinicalReview(string Status, string ReviewedBy, string ReviewedOn)
{
    public const string Draft = "draft";

    public const string Reviewed = "reviewed";

    public bool IsReviewed => Status == Reviewed;
}

public sealed record Article(string Id, int Order, string Title, string Summary, string Html, ContentLanguage Language);

/// <summary>
/// The page for professionals in one reading language: the (translated) summary of the research, and its numbered
/// sources, which stay in English whatever the reading language (<c>content/professionals/sources.md</c>; empty when absent).
/// </summary>
public sealed record ResearchSummary(Article Article, string SourcesHtml);

/// <summary>The self-help programme in one reading language: its modules in order, and the tools beside them (<see cref="Tools"/>).</summary>
public sealed record Programme(Article Introduction, IReadOnlyList<Module> Modules, string SourcesHtml, IReadOnlyList<Module> Tools)
{
    public Module? Find(string id) => Modules.FirstOrDefault(module => module.Id == id);

    /// <summary>A tool by id (<see cref="Tools"/>), or null when the content has none by that id.</summary>
    public Module? Tool(string id) => Tools.FirstOrDefault(tool => tool.Id == id);

    /// <summary>
    /// The first module not yet finished, in <paramref name="order"/> (module ids, such as a self-assessment's
    /// suggestion) where given, then in the programme's order.
    /// </summary>
    public Module? NextFor(IReadOnlySet<string> completed, IReadOnlyList<string> order) =>
        order.Select(Find).OfType<Module>().Concat(Modules).FirstOrDefault(module => !completed.Contains(module.Id));

    /// <summary>The module after <paramref name="id"/>, or null after the last.</summary>
    public Module? After(string id)
    {
        var index = Modules.ToList().FindIndex(module => module.Id == id);
        return index >= 0 && index + 1 < Modules.Count ? Modules[index + 1] : null;
    }
}
