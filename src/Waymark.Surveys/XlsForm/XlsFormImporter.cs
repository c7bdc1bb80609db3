using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.XlsForm;

/// <summary>
/// Turns the sheets of an XLSForm into an <see cref="Instrument"/>, collecting every problem with its sheet,
/// row and column. Unsupported features are refused with a message that names them; columns Waymark does
/// not use are warnings.
/// </summary>
internal sealed class XlsFormImporter
{
    private static readonly HashSet<string> SurveyColumns = new(StringComparer.Ordinal)
    {
        "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint", "constraint_message",
        "calculation", "choice_filter", "appearance", "default", "read_only", "parameters", "repeat_count",
    };

    private static readonly HashSet<string> MediaColumns = new(StringComparer.Ordinal) { "image", "audio", "video", "big-image" };

    private static readonly HashSet<string> SettingsColumns = new(StringComparer.Ordinal)
    {
        "form_id", "form_title", "version", "default_language", "style", "allow_choice_duplicates",
    };

    private readonly List<Problem> _problems = [];
    private readonly List<SurveyLanguage> _languages = [];
    private string? _defaultLanguageKey;
    private bool _allowChoiceDuplicates;
    private Dictionary<string, List<(Choice Choice, int Row)>> _externalLists = new(StringComparer.Ordinal);
    private HashSet<string> _orOtherLists = new(StringComparer.Ordinal);

    public static InstrumentBuild Import(Workbook workbook, string fallbackFormId) => new XlsFormImporter().Run(workbook, fallbackFormId);

    private InstrumentBuild Run(Workbook workbook, string fallbackFormId)
    {
        SheetTable? survey = null, choices = null, settings = null, externalChoices = null;
        foreach (var sheet in workbook.Sheets)
        {
            switch (sheet.Name.Trim().ToLowerInvariant())
            {
                case "survey":
                    survey = SheetTable.Read(sheet, SheetKind.Survey);
                    ReportIgnoredCells(survey);
                    break;
                case "choices":
                    choices = SheetTable.Read(sheet, SheetKind.Choices);
                    ReportIgnoredCells(choices);
                    break;
                case "settings":
                    settings = SheetTable.Read(sheet, SheetKind.Settings);
                    ReportIgnoredCells(settings);
                    break;
                case "external_choices":
                    // The lists of select_one_external questions: in ODK a file made from this sheet, here simply their choices.
                    externalChoices = SheetTable.Read(sheet, SheetKind.Choices);
                    ReportIgnoredCells(externalChoices);
                    break;
                case "entities" when sheet.Rows.Count > 1:
                    _problems.Add(new Problem(sheet.Name, 0, null, "entities (sheet 'entities') are not supported (they keep records that later forms read and update; a Waymark response is never linked to another)"));
                    break;
                case not null when workbook.Sheets.Count == 1:
                    // As pyxform: the only sheet of a workbook is the survey, whatever its name.
                    survey = SheetTable.Read(sheet, SheetKind.Survey);
                    ReportIgnoredCells(survey);
                    _problems.Add(new Problem(sheet.Name, 0, null, $"the workbook's only sheet '{sheet.Name}' is read as the survey sheet", Severity.Warning));
                    break;
                default:
                    _problems.Add(new Problem(sheet.Name, 0, null, $"sheet '{sheet.Name}' is not an XLSForm sheet (survey, choices, settings) and is ignored", Severity.Warning));
                    break;
            }
        }

        if (survey is null)
        {
            _problems.Add(new Problem("survey", 0, null, "the workbook has no sheet named 'survey'"));
            return new InstrumentBuild(null, _problems);
        }

        var instrumentSettings = ReadSettings(settings, fallbackFormId);
        foreach (var column in survey.Columns.Where(c => c.Base == "label" && c.Language is not null))
        {
            LanguageKey(column); // languages in the order of the survey's label columns
        }

        foreach (var key in instrumentSettings.Translations.Keys.Where(k => _languages.All(l => l.Key != k)))
        {
            _problems.Add(new Problem("settings", 0, "translation", $"a translation status is given for '{key}', but the survey has no labels in that language", Severity.Warning));
        }

        var lists = ReadChoices(choices);
        _externalLists = ReadChoices(externalChoices);
        var (groups, questions) = ReadSurvey(survey, lists);
        if (_problems.Any(p => p.Fatal))
        {
            return new InstrumentBuild(null, _problems);
        }

        var build = Instrument.Create(instrumentSettings with { DefaultLanguage = _defaultLanguageKey }, groups, questions, _languages.Count > 0 ? _languages : null);
        var located = build.Problems.Select(p => Locate(p, survey)).ToList();
        return new InstrumentBuild(build.Instrument, [.. _problems, .. located]);
    }

    /// <summary>Instrument.Create names columns by header; give the spreadsheet letter too.</summary>
    private static Problem Locate(Problem problem, SheetTable survey)
    {
        var column = survey.Columns.FirstOrDefault(c => c.Base == problem.Column);
        return column is null ? problem : problem with { Column = column.Describe };
    }

    private InstrumentSettings ReadSettings(SheetTable? sheet, string fallbackFormId)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var translations = new Dictionary<string, TranslationStatus>(StringComparer.Ordinal);
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sheet is not null)
        {
            var row = sheet.DataRows.FirstOrDefault();
            foreach (var column in sheet.Columns)
            {
                if (column is { Base: "translation", Language: { } language })
                {
                    ReadTranslationStatus(sheet, column, row.Row, row.Cells?.GetValueOrDefault(column.Index)?.Trim(), SurveyLanguage.FromColumnSuffix(language).Key, translations);
                }
                else if (column is { Base: "form_title", Language: { } titleLanguage })
                {
                    if (row.Cells?.GetValueOrDefault(column.Index)?.Trim() is { Length: > 0 } title)
                    {
                        titles[SurveyLanguage.FromColumnSuffix(titleLanguage).Key] = title;
                    }
                }
                else if (SettingBehaviour(column.Base) is { } refusal && row.Cells?.GetValueOrDefault(column.Index) is { } set && IsSet(set))
                {
                    _problems.Add(new Problem(sheet.Name, row.Row, column.Describe, $"setting '{column.Header}' {refusal}"));
                }
                else if (!SettingsColumns.Contains(column.Base))
                {
                    _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, column.Describe, $"setting '{column.Header}' is not used by Waymark and is ignored", Severity.Warning));
                }
                else if (row.Cells is not null && row.Cells.TryGetValue(column.Index, out var value) && value.Trim().Length > 0)
                {
                    values[column.Base] = value.Trim();
                }
            }
        }

        var style = values.GetValueOrDefault("style");
        if (style is not null && !string.Equals(style, "pages", StringComparison.OrdinalIgnoreCase))
        {
            _problems.Add(new Problem("settings", 0, "style", $"style '{style}' is not used (only 'pages' changes the layout)", Severity.Warning));
        }

        _allowChoiceDuplicates = values.GetValueOrDefault("allow_choice_duplicates") is { } duplicates && IsSet(duplicates);
        if (values.GetValueOrDefault("default_language") is { } defaultLanguage)
        {
            _defaultLanguageKey = SurveyLanguage.FromColumnSuffix(defaultLanguage).Key;
        }

        return new InstrumentSettings
        {
            FormId = values.GetValueOrDefault("form_id") ?? fallbackFormId,
            Title = values.GetValueOrDefault("form_title") ?? values.GetValueOrDefault("form_id") ?? fallbackFormId,
            Version = values.GetValueOrDefault("version") ?? string.Empty,
            Style = style,
            Translations = translations,
            Titles = titles,
        };
    }

    /// <summary>Settings that would change what the form does or where answers go, with why Waymark refuses them.</summary>
    private static string? SettingBehaviour(string baseName) => baseName switch
    {
        "public_key" => "(ODK's encrypted submissions) is not how Waymark seals answers: remove it and put the research team's key beside the form as FORM_ID.pub, made by 'waymark keys generate'",
        "add_none_option" => "(adding a 'none' choice to every select) is not supported: add the choice to the lists",
        _ => null,
    };

    /// <summary>A settings value that switches something on (pyxform's yes/no words; any other text counts as set).</summary>
    private static bool IsSet(string value) =>
        value.Trim().ToLowerInvariant() is not ("" or "no" or "false" or "false()");

    /// <summary>
    /// <c>translation::Arabic (ar)</c> in the settings sheet says how far that language's texts are from a
    /// fluent reader: <c>machine-draft</c> or <c>reviewed</c> (docs/translation.md). Anything else is a warning.
    /// </summary>
    private void ReadTranslationStatus(SheetTable sheet, Column column, int row, string? value, string key, Dictionary<string, TranslationStatus> translations)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (TranslationStatusNames.Parse(value) is { } status)
        {
            translations[key] = status;
        }
        else
        {
            _problems.Add(new Problem(sheet.Name, row, column.Describe, $"translation status '{value}' is not 'machine-draft' or 'reviewed' and is ignored", Severity.Warning));
        }
    }

    private Dictionary<string, List<(Choice Choice, int Row)>> ReadChoices(SheetTable? sheet)
    {
        var lists = new Dictionary<string, List<(Choice, int)>>(StringComparer.Ordinal);
        if (sheet is null)
        {
            return lists;
        }

        CheckDuplicateColumns(sheet);
        var listColumn = sheet.Columns.FirstOrDefault(c => c.Base == "list_name");
        var nameColumn = sheet.Columns.FirstOrDefault(c => c.Base == "name");
        if (listColumn is null || nameColumn is null)
        {
            if (sheet.DataRows.Any())
            {
                _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, null, "the choices sheet needs columns 'list_name' and 'name'"));
            }

            return lists;
        }

        foreach (var (row, cells) in sheet.DataRows)
        {
            var list = Cell(cells, listColumn);
            var name = Cell(cells, nameColumn);
            if (list.Length == 0 && name.Length == 0)
            {
                continue;
            }

            if (list.Length == 0 || name.Length == 0)
            {
                _problems.Add(new Problem(sheet.Name, row, (list.Length == 0 ? listColumn : nameColumn).Describe, "a choice needs both a list_name and a name"));
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            var media = new List<Column>();
            foreach (var column in sheet.Columns)
            {
                var value = Cell(cells, column);
                if (column == listColumn || column == nameColumn || value.Length == 0)
                {
                    continue;
                }

                if (column.Base == "label")
                {
                    labels[LanguageKey(column)] = value;
                }
                else if (MediaColumns.Contains(column.Base))
                {
                    media.Add(column);
                }
                else
                {
                    extra[column.Header.Trim()] = value;
                }
            }

            DropMedia(sheet, row, media, labels.Count > 0, name);
            if (!lists.TryGetValue(list, out var choices))
            {
                choices = [];
                lists[list] = choices;
            }

            if (!_allowChoiceDuplicates && choices.Any(c => c.Item1.Name == name))
            {
                _problems.Add(new Problem(sheet.Name, row, nameColumn.Describe, $"the list '{list}' has the choice '{name}' twice (settings 'allow_choice_duplicates: yes' allows it, as for cascading selects)"));
            }

            choices.Add((new Choice(name, new LocalizedText(labels), extra), row));
        }

        return lists;
    }

    private (List<Group> Groups, List<Question> Questions) ReadSurvey(SheetTable sheet, Dictionary<string, List<(Choice Choice, int Row)>> lists)
    {
        CheckDuplicateColumns(sheet);
        var typeColumn = sheet.Columns.FirstOrDefault(c => c.Base == "type");
        var nameColumn = sheet.Columns.FirstOrDefault(c => c.Base == "name");
        if (typeColumn is null || nameColumn is null)
        {
            _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, null, sheet.Columns.Count == 0 && sheet.Sheet.Rows.Count > 0
                ? "row 1 holds no column headers: an XLSForm sheet's headers (type, name, label, …) are its first row, as pyxform reads them"
                : "the survey sheet needs columns 'type' and 'name'"));
            return ([], []);
        }

        CheckSurveyColumns(sheet);
        var groups = new List<Group>();
        var questions = new List<Question>();
        var stack = new List<(string Name, int Row, string Kind)>();
        var rows = sheet.DataRows.ToList();
        _orOtherLists = rows.Select(r => TypeParser.Parse(Cell(r.Cells, typeColumn))).OfType<QuestionRow>().Where(q => q.OrOther && q.ListName is not null).Select(q => q.ListName!).ToHashSet(StringComparer.Ordinal);
        for (var at = 0; at < rows.Count; at++)
        {
            var (row, cells) = rows[at];
            if (TypeParser.Parse(Cell(cells, typeColumn)) is BeginLoopRow loop)
            {
                // As pyxform: the rows up to the matching 'end loop' are read once per choice of the list.
                var body = new List<(int Row, IReadOnlyDictionary<int, string> Cells)>();
                var depth = 1;
                while (++at < rows.Count)
                {
                    var inner = TypeParser.Parse(Cell(rows[at].Cells, typeColumn));
                    depth += inner is BeginLoopRow ? 1 : inner is EndLoopRow ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }

                    body.Add(rows[at]);
                }

                if (depth > 0)
                {
                    _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, $"loop '{Cell(cells, nameColumn)}' is never closed with 'end loop'"));
                }

                ExpandLoop(sheet, row, cells, loop, body, lists, groups, questions, stack);
                continue;
            }

            ReadRow(sheet, row, cells, lists, groups, questions, stack);
        }

        foreach (var (group, row, kind) in stack)
        {
            _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, $"{kind} '{group}' is never closed with 'end {kind}'"));
        }

        return (groups, questions);
    }

    /// <summary>One survey row: a question, a group or repeat opened or closed, or a row dropped or refused.</summary>
    private void ReadRow(
        SheetTable sheet,
        int row,
        IReadOnlyDictionary<int, string> cells,
        Dictionary<string, List<(Choice Choice, int Row)>> lists,
        List<Group> groups,
        List<Question> questions,
        List<(string Name, int Row, string Kind)> stack,
        string? sourceName = null)
    {
        var typeColumn = sheet.Columns.First(c => c.Base == "type");
        var nameColumn = sheet.Columns.First(c => c.Base == "name");
        var typeText = Cell(cells, typeColumn);
        var name = Cell(cells, nameColumn);
        if (typeText.Length == 0)
        {
            if (sheet.Columns.Any(c => Cell(cells, c).Length > 0))
            {
                _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, "a row with content has no type and is ignored", Severity.Warning));
            }

            return;
        }

        DropMedia(sheet, row, sheet.Columns.Where(c => MediaColumns.Contains(c.Base) && Cell(cells, c).Length > 0).ToList(), !Texts(sheet, cells, "label").IsEmpty);
        var repeatCount = NullIfEmpty(Text(sheet, cells, "repeat_count"));
        var type = TypeParser.Parse(typeText);
        if (repeatCount is not null && type is not BeginGroupRow { Repeat: true })
        {
            _problems.Add(new Problem(sheet.Name, row, sheet.Columns.First(c => c.Base == "repeat_count").Describe, "repeat_count (the number of repeats) is read on a 'begin repeat' row only"));
        }

        switch (type)
        {
            case MetadataRow metadata:
                _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, $"metadata '{metadata.Type}' is dropped: Waymark records nothing about the respondent's device, account, location or time (a response keeps only its day), so '{name}' will not be in the data", Severity.Warning));
                break;
            case Unsupported unsupported:
                _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, unsupported.Reason));
                break;
            case BeginGroupRow begin:
                var kind = begin.Repeat ? "repeat" : "group";
                if (name.Length == 0)
                {
                    _problems.Add(new Problem(sheet.Name, row, nameColumn.Describe, $"a {kind} needs a name"));
                    name = $"group_row_{row}";
                }

                if (repeatCount is not null && !IsReference(repeatCount))
                {
                    // As pyxform: a count that is not a plain ${reference} is calculated by a question NAME_count before the repeat.
                    questions.Add(new Question
                    {
                        Name = name + "_count",
                        Type = QuestionType.Calculate,
                        Calculation = repeatCount,
                        ReadOnly = true,
                        GroupPath = stack.ConvertAll(s => s.Name),
                        Row = row,
                    });
                    repeatCount = $"${{{name}_count}}";
                }

                stack.Add((name, row, kind));
                groups.Add(new Group(
                    name,
                    Texts(sheet, cells, "label"),
                    NullIfEmpty(Text(sheet, cells, "relevant")),
                    NullIfEmpty(Text(sheet, cells, "appearance")),
                    stack.ConvertAll(s => s.Name))
                { Row = row, IsRepeat = begin.Repeat, RepeatCount = begin.Repeat ? repeatCount : null, SourceName = sourceName });
                break;
            case EndGroupRow end:
                var closes = end.Repeat ? "repeat" : "group";
                if (stack.Count == 0 || stack[^1].Kind != closes)
                {
                    _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, stack.Count == 0
                        ? $"'end {closes}' without a matching 'begin {closes}'"
                        : $"'end {closes}' closes {stack[^1].Kind} '{stack[^1].Name}' (begun on row {stack[^1].Row}): close it with 'end {stack[^1].Kind}'"));
                }

                if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                break;
            case EndLoopRow:
                _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, "'end loop' without a matching 'begin loop'"));
                break;
            case QuestionRow question:
                AddQuestion(sheet, row, cells, question, name, stack.ConvertAll(s => s.Name), lists, questions, sourceName);
                break;
        }
    }

    /// <summary>
    /// <c>begin loop over LIST</c> as pyxform expands it: a group named as the loop, holding one group per choice of the
    /// list (named and labelled as the choice; a choice named <c>none</c> is left out), each holding the loop's rows
    /// with <c>%(name)s</c> and <c>%(label)s</c> replaced by the choice's name and label. A question's name is made
    /// unique as CHOICE_NAME unless the row already puts <c>%(name)s</c> in it. When one of those names is already taken
    /// (a second loop over the same list), every name of this loop starts with the loop's name instead: LOOP_CHOICE for its
    /// groups, LOOP_CHOICE_NAME for its questions, each keeping pyxform's name as its source name.
    /// </summary>
    private void ExpandLoop(
        SheetTable sheet,
        int row,
        IReadOnlyDictionary<int, string> cells,
        BeginLoopRow loop,
        List<(int Row, IReadOnlyDictionary<int, string> Cells)> body,
        Dictionary<string, List<(Choice Choice, int Row)>> lists,
        List<Group> groups,
        List<Question> questions,
        List<(string Name, int Row, string Kind)> stack)
    {
        var typeColumn = sheet.Columns.First(c => c.Base == "type");
        var nameColumn = sheet.Columns.First(c => c.Base == "name");
        var loopName = Cell(cells, nameColumn);
        if (!lists.TryGetValue(loop.ListName, out var choices))
        {
            _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, $"the choice list '{loop.ListName}' of loop '{loopName}' is not in the choices sheet"));
            return;
        }

        if (body.Any(r => TypeParser.Parse(Cell(r.Cells, typeColumn)) is BeginLoopRow))
        {
            _problems.Add(new Problem(sheet.Name, row, typeColumn.Describe, $"loop '{loopName}' holds another loop: nested loops are not supported"));
            return;
        }

        ReadRow(sheet, row, WithType(cells, typeColumn, "begin group"), lists, groups, questions, stack);

        // As pyxform, where an or_other select adds "other" to its list, so a loop over that list has an "other" group.
        var columns = choices.ConvertAll(c => c.Choice);
        if (_orOtherLists.Contains(loop.ListName) && !columns.Any(c => c.Name == Choice.OtherName))
        {
            columns.Add(new Choice(Choice.OtherName, OtherTexts("Other")));
        }

        columns.RemoveAll(c => c.Name == "none");
        string? QuestionName(IReadOnlyDictionary<int, string> bodyCells, string choice) =>
            Cell(bodyCells, nameColumn) is { Length: > 0 } written && TypeParser.Parse(Cell(bodyCells, typeColumn)) is QuestionRow
                ? written.Contains("%(name)s", StringComparison.Ordinal) ? Substitute(written, choice, choice) : $"{choice}_{written}"
                : null;

        // Names are unique in a form: a second loop over the same list would ask kitchen_windows again, so its names take the loop's.
        var taken = groups.Select(g => g.Name).Concat(questions.Select(q => q.Name)).ToHashSet(StringComparer.Ordinal);
        var prefix = columns.Any(c => taken.Contains(c.Name) || body.Any(r => QuestionName(r.Cells, c.Name) is { } n && taken.Contains(n))) ? loopName + "_" : string.Empty;
        foreach (var choice in columns)
        {
            var labels = choice.Labels;
            var columnCells = new Dictionary<int, string>(cells.Where(c => c.Key != typeColumn.Index)) { [typeColumn.Index] = "begin group", [nameColumn.Index] = prefix + choice.Name };
            foreach (var column in sheet.Columns.Where(c => c.Base == "label"))
            {
                columnCells[column.Index] = labels.For(LanguageKey(column)) ?? choice.Name;
            }

            ReadRow(sheet, row, columnCells, lists, groups, questions, stack, prefix.Length > 0 ? choice.Name : null);
            foreach (var (bodyRow, bodyCells) in body)
            {
                var substituted = bodyCells.ToDictionary(
                    c => c.Key,
                    c => Substitute(c.Value, choice.Name, sheet.Columns.FirstOrDefault(h => h.Index == c.Key) is { Base: "label" or "hint" } text ? labels.For(LanguageKey(text)) ?? choice.Name : labels.For(_defaultLanguageKey ?? LocalizedText.DefaultKey) ?? choice.Name));
                var written = Cell(bodyCells, nameColumn);
                var pyxformName = written.Contains("%(name)s", StringComparison.Ordinal) ? Substitute(written, choice.Name, choice.Name) : written;
                var renamed = QuestionName(bodyCells, choice.Name) is { } name && prefix + name != pyxformName;
                if (renamed)
                {
                    substituted[nameColumn.Index] = prefix + QuestionName(bodyCells, choice.Name);
                }

                ReadRow(sheet, bodyRow, substituted, lists, groups, questions, stack, renamed ? pyxformName : null);
            }

            ReadRow(sheet, row, WithType(cells, typeColumn, "end group"), lists, groups, questions, stack);
        }

        ReadRow(sheet, row, WithType(cells, typeColumn, "end group"), lists, groups, questions, stack);
    }

    private static Dictionary<int, string> WithType(IReadOnlyDictionary<int, string> cells, Column typeColumn, string type) =>
        new(cells.Where(c => c.Key != typeColumn.Index)) { [typeColumn.Index] = type };

    /// <summary>pyxform's <c>text % {'name': …, 'label': …}</c>: <c>%(name)s</c>, <c>%(label)s</c> and <c>%%</c>.</summary>
    private static string Substitute(string text, string name, string label) =>
        text.Contains('%', StringComparison.Ordinal)
            ? text.Replace("%%", "\u0000", StringComparison.Ordinal).Replace("%(name)s", name, StringComparison.Ordinal).Replace("%(label)s", label, StringComparison.Ordinal).Replace("\u0000", "%", StringComparison.Ordinal)
            : text;

    /// <summary>A plain <c>${name}</c>, which pyxform puts in jr:count as it is.</summary>
    private static bool IsReference(string expression)
    {
        var text = expression.Trim();
        return text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}', StringComparison.Ordinal) == text.Length - 1;
    }

    /// <summary>
    /// A column Waymark does not evaluate is an error when a row uses it and it could change what the form does
    /// (an XForm bind or control attribute, a repeat count, a trigger, an entity); a warning when it cannot
    /// (notes for the author, SMS settings, instance attributes, display hints for devices).
    /// </summary>
    private void CheckSurveyColumns(SheetTable sheet)
    {
        foreach (var column in sheet.Columns.Where(c => !SurveyColumns.Contains(c.Base) && !MediaColumns.Contains(c.Base)))
        {
            var used = sheet.DataRows.FirstOrDefault(r => Cell(r.Cells, column).Length > 0);
            if (BehaviourColumn(column.Base) is { } meaning && used.Cells is not null)
            {
                _problems.Add(new Problem(sheet.Name, used.Row, column.Describe, $"column '{column.Header}' ({meaning}) changes how the form behaves and Waymark does not support it"));
            }
            else if (!IgnoredQuietly.Contains(column.Base))
            {
                _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, column.Describe, $"column '{column.Header}' is not used by Waymark and is ignored", Severity.Warning));
            }
        }
    }

    /// <summary>What a behaviour-changing column means, or null for one that only annotates or displays.</summary>
    private static string? BehaviourColumn(string baseName) => baseName switch
    {
        "trigger" => "recalculation when another question changes",
        "bind::entities:saveto" => "saving to an entity list",
        "control::rows" or "control::autoplay" => null,
        "bind::saveIncomplete" => null, // a device saves a draft there; Waymark keeps nothing before the respondent submits
        _ when baseName.StartsWith("bind::", StringComparison.Ordinal) => $"XForm bind attribute '{baseName[6..]}'",
        _ when baseName.StartsWith("control::", StringComparison.Ordinal) => $"XForm control attribute '{baseName[9..]}'",
        "intent" => "launching another app",
        _ => null,
    };

    /// <summary>Columns for people, not for the form's logic: read without a warning.</summary>
    private static readonly HashSet<string> IgnoredQuietly = new(StringComparer.Ordinal) { "guidance_hint" };

    /// <summary>
    /// Images, audio and video are dropped with a warning (Waymark shows text only): the label still says what is
    /// asked, and a choice without one shows its name. A question with media and no label would show nothing,
    /// so that is an error.
    /// </summary>
    private void DropMedia(SheetTable sheet, int row, List<Column> media, bool labelled, string? choiceName = null)
    {
        foreach (var column in media)
        {
            var shown = labelled ? "the label is shown" : $"the choice shows its name '{choiceName}'";
            _problems.Add(labelled || choiceName is not null
                ? new Problem(sheet.Name, row, column.Describe, $"media (column '{column.Header}') is dropped: Waymark shows text only, and {shown}", Severity.Warning)
                : new Problem(sheet.Name, row, column.Describe, $"media (column '{column.Header}') is the only content of the question and Waymark shows text only: add a label"));
        }
    }

    /// <summary>As pyxform, cells after a run of empty rows or header cells are not part of the form: say so.</summary>
    private void ReportIgnoredCells(SheetTable sheet)
    {
        if (sheet.FirstIgnoredRow is { } row)
        {
            _problems.Add(new Problem(sheet.Name, row, null, $"rows from here on are not read: they follow more than {SheetTable.MaxAdjacentEmptyRows} empty rows (as in pyxform)", Severity.Warning));
        }

        if (sheet.FirstIgnoredColumn is { } column)
        {
            _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, Xlsx.Worksheet.ColumnLetter(column), $"columns from here on are not read: they follow more than {SheetTable.MaxAdjacentEmptyColumns} empty header cells (as in pyxform)", Severity.Warning));
        }
    }

    private void AddQuestion(
        SheetTable sheet,
        int row,
        IReadOnlyDictionary<int, string> cells,
        QuestionRow type,
        string name,
        List<string> groupPath,
        Dictionary<string, List<(Choice Choice, int Row)>> lists,
        List<Question> questions,
        string? sourceName = null)
    {
        var nameColumn = sheet.Columns.First(c => c.Base == "name");
        if (name.Length == 0 && type.Type == QuestionType.Note)
        {
            name = $"generated_note_name_{row}"; // as pyxform names a note without a name
        }

        if (name.Length == 0)
        {
            _problems.Add(new Problem(sheet.Name, row, nameColumn.Describe, "a question needs a name"));
            return;
        }

        IReadOnlyList<Choice> choices = [];
        if (type.ListName is { } listName)
        {
            var external = type.Preset == TypeParser.External;
            if (!(external ? _externalLists : lists).TryGetValue(listName, out var list))
            {
                _problems.Add(new Problem(sheet.Name, row, sheet.Columns.First(c => c.Base == "type").Describe, $"the choice list '{listName}' is not in the {(external ? "external_choices" : "choices")} sheet"));
            }
            else
            {
                choices = list.ConvertAll(c => c.Choice);
                if (type.OrOther && !choices.Any(c => c.Name == Choice.OtherName))
                {
                    choices = [.. choices, new Choice(Choice.OtherName, OtherTexts("Other"))];
                }
            }
        }

        if (type.OrOther && NullIfEmpty(Text(sheet, cells, "choice_filter")) is not null)
        {
            // As pyxform: the added 'other' has none of the list's columns, so the filter would hide it.
            _problems.Add(new Problem(sheet.Name, row, sheet.Columns.First(c => c.Base == "choice_filter").Describe, "or_other cannot be used with a choice_filter (as in pyxform): put an 'other' choice in the list with the columns the filter reads, and a text question relevant when it is chosen"));
        }

        var parameters = ParseParameters(Text(sheet, cells, "parameters"));
        var (constraint, hints, calculation) = (NullIfEmpty(Text(sheet, cells, "constraint")), Texts(sheet, cells, "hint"), NullIfEmpty(Text(sheet, cells, "calculation")));
        switch (type.Preset)
        {
            case "phone number":
                // As pyxform: text with a digits-only constraint and a hint unless the row gives its own.
                constraint ??= @"regex(., '^\d*$')";
                hints = !hints.IsEmpty ? hints : new LocalizedText(new Dictionary<string, string> { [_defaultLanguageKey ?? LocalizedText.DefaultKey] = "Enter numbers only." });
                break;
            case { } preset when TypeParser.Ranges.TryGetValue(preset, out var range):
                // As pyxform: an integer with its range constraint and hint unless the row gives its own.
                constraint ??= range.Constraint;
                hints = !hints.IsEmpty || range.Hint is null ? hints : new LocalizedText(new Dictionary<string, string> { [_defaultLanguageKey ?? LocalizedText.DefaultKey] = range.Hint });
                break;
            case "hidden":
                // A value kept with the response but never shown: its calculation, else its default, else empty.
                calculation ??= Literal(NullIfEmpty(Text(sheet, cells, "default")) ?? string.Empty);
                break;
        }

        var question = new Question
        {
            Name = name,
            Type = type.Type,
            Labels = Texts(sheet, cells, "label"),
            Hints = hints,
            Required = Flag(sheet, row, cells, "required"),
            RequiredMessages = Texts(sheet, cells, "required_message"),
            Relevant = NullIfEmpty(Text(sheet, cells, "relevant")),
            Constraint = constraint,
            ConstraintMessages = Texts(sheet, cells, "constraint_message"),
            Calculation = calculation,
            ChoiceFilter = NullIfEmpty(Text(sheet, cells, "choice_filter")),
            Appearance = NullIfEmpty(Text(sheet, cells, "appearance")),
            Default = type.Preset == "hidden" ? null : CheckDefault(sheet, row, type.Type, NullIfEmpty(Text(sheet, cells, "default")), choices),
            ReadOnly = Flag(sheet, row, cells, "read_only") is "true()",
            ListName = type.ListName,
            Choices = choices,
            OrOther = type.OrOther,
            GroupPath = groupPath,
            Parameters = parameters,
            Row = row,
            SourceName = sourceName,
        };
        questions.Add(question);
        if (type.OrOther)
        {
            // As pyxform: a text question NAME_other, shown when "other" is chosen.
            questions.Add(new Question
            {
                Name = name + "_other",
                Type = QuestionType.Text,
                Labels = OtherTexts("Specify other."),
                Relevant = $"selected(${{{name}}}, '{Choice.OtherName}')",
                GroupPath = groupPath,
                Row = row,
            });
        }
    }

    /// <summary>The texts or_other adds ("Other", "Specify other.") in each language of the form; English where unknown.</summary>
    private LocalizedText OtherTexts(string english)
    {
        var keys = _languages.Count > 0 ? _languages.Select(l => l.Key) : [LocalizedText.DefaultKey];
        return new LocalizedText(keys.ToDictionary(k => k, k => OtherTranslations.For(english, k), StringComparer.Ordinal));
    }

    /// <summary>yes/true/1 → "true()", no/false/0/empty → null, anything else is an expression.</summary>
    private string? Flag(SheetTable sheet, int row, IReadOnlyDictionary<int, string> cells, string column)
    {
        var value = Text(sheet, cells, column).Trim();
        switch (value.ToLowerInvariant())
        {
            case "" or "no" or "false" or "0" or "false()":
                return null;
            case "yes" or "true" or "1" or "true()":
                return "true()";
            default:
                if (column == "read_only")
                {
                    _problems.Add(new Problem(sheet.Name, row, sheet.Columns.First(c => c.Base == column).Describe, $"read_only must be yes or no, not '{value}'"));
                    return null;
                }

                return value;
        }
    }

    private string? CheckDefault(SheetTable sheet, int row, QuestionType type, string? value, IReadOnlyList<Choice> choices)
    {
        if (value is null)
        {
            return null;
        }

        var column = sheet.Columns.First(c => c.Base == "default").Describe;
        var question = new Question { Name = "default", Type = type };
        var (raw, error) = Paging.AnswerParser.Parse(question, type == QuestionType.SelectMultiple ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [value], choices);
        if (error is not null || type is QuestionType.Note or QuestionType.Calculate or QuestionType.Acknowledge)
        {
            _problems.Add(new Problem(sheet.Name, row, column, $"default '{value}' is not a valid {type.XlsFormName()} answer and is ignored", Severity.Warning));
            return null;
        }

        return raw;
    }

    private static Dictionary<string, string> ParseParameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
            }
        }

        return parameters;
    }

    private void CheckDuplicateColumns(SheetTable sheet)
    {
        foreach (var duplicate in sheet.Columns.GroupBy(c => (c.Base, Language: c.Language is null ? null : SurveyLanguage.FromColumnSuffix(c.Language).Key)).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First();
            _problems.Add(new Problem(sheet.Name, sheet.HeaderRow, second.Describe, $"duplicate column '{second.Header}'"));
        }
    }

    private LocalizedText Texts(SheetTable sheet, IReadOnlyDictionary<int, string> cells, string baseName)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in sheet.Columns.Where(c => c.Base == baseName))
        {
            var value = Cell(cells, column);
            if (value.Length > 0)
            {
                texts[LanguageKey(column)] = value;
            }
        }

        return new LocalizedText(texts);
    }

    /// <summary>The language key of a translatable column; registers the language on first sight.</summary>
    private string LanguageKey(Column column)
    {
        if (column.Language is null)
        {
            return _defaultLanguageKey ?? LocalizedText.DefaultKey;
        }

        var language = SurveyLanguage.FromColumnSuffix(column.Language);
        var known = _languages.FirstOrDefault(l => l.Key == language.Key);
        if (known is null)
        {
            _languages.Add(language);
        }

        return language.Key;
    }

    private static string Text(SheetTable sheet, IReadOnlyDictionary<int, string> cells, string baseName)
    {
        var column = sheet.Columns.FirstOrDefault(c => c.Base == baseName && c.Language is null)
            ?? sheet.Columns.FirstOrDefault(c => c.Base == baseName);
        return column is null ? string.Empty : Cell(cells, column);
    }

    private static string Cell(IReadOnlyDictionary<int, string> cells, Column column) =>
        cells.TryGetValue(column.Index, out var value) ? value.Trim() : string.Empty;

    /// <summary>An XPath string literal for the text (XPath 1.0 has no escapes: the other quote is used, or dropped).</summary>
    private static string Literal(string text) =>
        text.Contains('\'', StringComparison.Ordinal) ? "\"" + text.Replace("\"", string.Empty, StringComparison.Ordinal) + "\"" : "'" + text + "'";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
