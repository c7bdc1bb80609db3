namespace Waymark.SelfHelp.Content;

#pragma warning disable CA1812, CA2227, CA1002 // Instantiated by YamlDotNet, which sets lists and properties.

/// <summary>Front matter of a module file (<c>content/selfhelp/{lang}/NN-name.md</c>).</summary>
public sealed class ModuleFile
{
    public string Id { get; set; } = "";

    public int Order { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    public List<ExerciseFile> Exercises { get; set; } = [];

    /// <summary>True for a tool (self-assessment, check-in, safety plan, crisis page): shown beside the modules, not among them (docs/selfhelp.md).</summary>
    public bool Tool { get; set; }

    /// <summary>English modules: the clinical review status, <c>draft</c> or <c>reviewed</c> (with <see cref="ReviewedBy"/> and <see cref="ReviewedOn"/>).</summary>
    public string Review { get; set; } = "";

    /// <summary>English modules: the published sources the module draws on, one reference each.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Translations only: <c>machine-draft</c> or <c>reviewed</c> (docs/translation.md).</summary>
    public string Translation { get; set; } = "";

    /// <summary>Translations only: the first 16 hex digits of the SHA-256 of the English file this was translated from, so a changed source marks it stale.</summary>
    public string SourceSha256 { get; set; } = "";

    /// <summary>Translations marked reviewed: who reviewed it, and when (yyyy-mm-dd).</summary>
    public string ReviewedBy { get; set; } = "";

    public string ReviewedOn { get; set; } = "";
}

/// <summary>One exercise: <c>text</c>, <c>checklist</c> (options), <c>scale</c> (min..max) or <c>plan</c> (fields).</summary>
public sealed class ExerciseFile
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string Prompt { get; set; } = "";

    public List<ChoiceFile> Options { get; set; } = [];

    public List<ChoiceFile> Fields { get; set; } = [];

    public int Min { get; set; }

    public int Max { get; set; } = 10;

    public string MinLabel { get; set; } = "";

    public string MaxLabel { get; set; } = "";

    /// <summary>Self-assessment scales only: the module ids this question points to (its answer adds to their scores).</summary>
    public List<string> Modules { get; set; } = [];

    /// <summary>
    /// Earlier answers shown beside this exercise: <c>module/exercise</c> or <c>module/exercise/field</c> of an earlier module
    /// or of a tool (docs/selfhelp.md). English decides; translations may leave it out.
    /// </summary>
    public List<string> Recalls { get; set; } = [];
}

public sealed class ChoiceFile
{
    public string Id { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>Front matter of an article or an index page: parents' guidance, reporting guidance, programme intro.</summary>
public sealed class ArticleFile
{
    public string Id { get; set; } = "";

    public int Order { get; set; }

    public string Title { get; set; } = "";

    public string Summary { get; set; } = "";

    /// <summary>Translations only: <c>machine-draft</c> or <c>reviewed</c> (docs/translation.md).</summary>
    public string Translation { get; set; } = "";

    /// <summary>Translations only: the first 16 hex digits of the SHA-256 of the English file this was translated from, so a changed source marks it stale.</summary>
    public string SourceSha256 { get; set; } = "";

    /// <summary>Translations marked reviewed: who reviewed it, and when (yyyy-mm-dd).</summary>
    public string ReviewedBy { get; set; } = "";

    public string ReviewedOn { get; set; } = "";
}

#pragma warning restore CA1812, CA2227, CA1002
