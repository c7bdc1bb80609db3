using System.Globalization;
using System.Text;

namespace Waymark.Surveys.Export;

/// <summary>
/// R, SPSS and Stata syntax that read the export's CSV (all columns as text, so nothing is guessed), convert
/// numbers and dates, and apply variable labels and value labels. Select questions become labelled
/// factors (R) or numeric codes with value labels (SPSS, Stata): the choice names when all are whole numbers,
/// else 1..k in choice order.
/// </summary>
internal static class SyntaxWriters
{
    public static string R(ExportPlan plan, string csvFile, IReadOnlyList<string> notes)
    {
        var s = new StringBuilder();
        s.Append("# Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        Notes(s, "# Note: ", string.Empty, notes);
        s.Append("d <- read.csv(").Append(RString(csvFile)).Append(", colClasses = \"character\", na.strings = \"\", encoding = \"UTF-8\", check.names = FALSE)\n");
        foreach (var c in plan.Columns)
        {
            var v = "d[[" + RString(c.Variable) + "]]";
            var notAsked = plan.NotAskedCount(c) > 0;
            if (notAsked)
            {
                // R has one NA: the not-asked code becomes NA, and attr(x, "not_asked") tells those rows from the unanswered.
                s.Append("wm_not_asked <- ").Append(v).Append(" %in% ").Append(RString(plan.NotAskedCode)).Append('\n');
                s.Append(v).Append("[wm_not_asked] <- NA\n");
            }

            switch (c.Kind)
            {
                case ColumnKind.IntegerNumber or ColumnKind.Dummy or ColumnKind.FlagDummy or ColumnKind.Duration:
                    s.Append(v).Append(" <- as.integer(").Append(v).Append(")\n");
                    break;
                case ColumnKind.DecimalNumber:
                    s.Append(v).Append(" <- as.numeric(").Append(v).Append(")\n");
                    break;
                case ColumnKind.Date or ColumnKind.DateValue:
                    s.Append(v).Append(" <- as.Date(").Append(v).Append(", format = \"%Y-%m-%d\")\n");
                    break;
                case ColumnKind.TimeValue:
                    // A time of day as seconds after midnight with the hms package's class (what hms::as_hms and haven make;
                    // it prints as 09:30:00 once hms is loaded, as seconds without it): base R only, no package needed.
                    s.Append(v).Append(" <- as.difftime(").Append(v).Append(", format = \"%H:%M:%S\", units = \"secs\")\n");
                    s.Append("class(").Append(v).Append(") <- c(\"hms\", \"difftime\")\n");
                    break;
                case ColumnKind.DateTimeValue:
                    // The clock as the respondent gave it: no time zone was asked, UTC only because POSIXct needs one (never shifted).
                    s.Append(v).Append(" <- as.POSIXct(").Append(v).Append(", format = \"%Y-%m-%dT%H:%M:%S\", tz = \"UTC\")\n");
                    break;
                case ColumnKind.SelectOne:
                    s.Append(v).Append(" <- factor(").Append(v)
                        .Append(", levels = c(").Append(string.Join(", ", c.Values.Select(x => RString(x.Value))))
                        .Append("), labels = c(").Append(string.Join(", ", c.Values.Select(x => RString(x.Label)))).Append("))\n");
                    break;
            }

            s.Append("attr(").Append(v).Append(", \"label\") <- ").Append(RString(c.Label)).Append('\n');
            if (notAsked)
            {
                s.Append("attr(").Append(v).Append(", \"not_asked\") <- wm_not_asked # ").Append(ExportPlan.NotAskedLabel).Append('\n');
            }
        }

        if (plan.Columns.Any(c => plan.NotAskedCount(c) > 0))
        {
            s.Append("rm(wm_not_asked)\n");
        }

        return s.ToString();
    }

    /// <summary>
    /// SPSS syntax that PSPP and SPSS read whatever the variable names, in any syntax mode (auto, batch, interactive):
    /// no line ever starts with a variable name, not even indented (PSPP takes a line starting "comment", "document",
    /// "define" or a command's abbreviation as that command, and an indented "comment" inside a variable list as a
    /// comment that swallows the rest of the command), every continuation line is indented, and no line is longer than
    /// <see cref="SpssLineBytes"/> bytes (SPSS truncates longer lines in batch mode): long texts are split into
    /// <c>'…' + '…'</c> pieces. Every variable gets its label (at most <see cref="SpssVariableLabelBytes"/> bytes), measurement level and
    /// format; select_one codes are the choice names when they are whole numbers, else 1..k
    /// (<see cref="ExportColumn.Codes"/>), with value labels of at most <see cref="SpssValueLabelBytes"/> bytes.
    /// </summary>
    public static string Spss(ExportPlan plan, string csvFile, IReadOnlyList<string> notes)
    {
        var s = new StringBuilder();
        s.Append("* Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        Notes(s, "* Note: ", ".", notes);
        s.Append("GET DATA /TYPE=TXT\n  /FILE=").Append(SpssText(csvFile)).Append("\n  /ENCODING='UTF8'\n");
        s.Append("  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=\",\" /QUALIFIER='\"'\n  /VARIABLES=");
        var previous = string.Empty;
        foreach (var c in plan.Columns)
        {
            // Each line starts with the previous variable's format, so that no line starts with a name.
            s.Append(previous.Length == 0 ? " " : "\n  " + previous + " ").Append(c.Variable);
            var notAsked = plan.NotAskedCount(c) > 0;
            previous = c.Kind switch
            {
                ColumnKind.IntegerNumber or ColumnKind.Dummy or ColumnKind.FlagDummy or ColumnKind.Duration => "F11.0",
                ColumnKind.DecimalNumber => "F20.6",
                // A date or time some response was not asked is read as text, and its not-asked code set apart below; a
                // date-and-time always is (no SPSS input format reads ISO 8601's "T"), converted below.
                ColumnKind.Date or ColumnKind.DateValue => notAsked ? "A" + Math.Max(10, plan.NotAskedCode.Length).ToString(CultureInfo.InvariantCulture) : "SDATE10",
                ColumnKind.TimeValue => notAsked ? "A" + Math.Max(8, plan.NotAskedCode.Length).ToString(CultureInfo.InvariantCulture) : "TIME8",
                ColumnKind.DateTimeValue => "A19",
                ColumnKind.SelectOne => "A" + Math.Max(notAsked ? plan.NotAskedCode.Length : 1, c.Values.Count == 0 ? 1 : c.Values.Max(x => Encoding.UTF8.GetByteCount(x.Value))).ToString(CultureInfo.InvariantCulture),
                _ => "A32767",
            };
        }

        s.Append("\n  ").Append(previous).Append(".\n");
        var dates = plan.Columns.Where(c => (IsClock(c) && plan.NotAskedCount(c) > 0) || c.Kind == ColumnKind.DateTimeValue).ToList();
        foreach (var c in dates)
        {
            // SPSS keeps a time as seconds after midnight and a date-time as seconds since 14 Oct 1582: the date's and the time's parts added.
            var value = c.Kind switch
            {
                ColumnKind.TimeValue => "NUMBER(" + c.Variable + ", TIME8)",
                ColumnKind.DateTimeValue => "NUMBER(SUBSTR(" + c.Variable + ", 1, 10), SDATE10) + NUMBER(SUBSTR(" + c.Variable + ", 12, 8), TIME8)",
                _ => "NUMBER(" + c.Variable + ", SDATE10)",
            };
            if (plan.NotAskedCount(c) > 0)
            {
                s.Append("COMPUTE wm_tmp = ").Append(plan.NotAskedCode).Append(".\n");
                s.Append("IF (").Append(c.Variable).Append(" <> '").Append(plan.NotAskedCode).Append("') wm_tmp = ").Append(value).Append(".\n");
            }
            else
            {
                s.Append("COMPUTE wm_tmp = ").Append(value).Append(".\n");
            }

            s.Append("EXECUTE.\n");
            s.Append("DELETE VARIABLES ").Append(c.Variable).Append(".\n");
            s.Append("RENAME VARIABLES (wm_tmp = ").Append(c.Variable).Append(").\n");
            s.Append("FORMATS ").Append(c.Variable).Append(" (").Append(SpssFormat(c)).Append(").\n");
        }

        var selects = plan.Columns.Where(c => c.Kind == ColumnKind.SelectOne).ToList();
        foreach (var c in selects)
        {
            // On one line when it fits, else one choice a line: each continuation starts with "(" or INTO, never with a name.
            var parts = new List<string> { "RECODE " + c.Variable };
            parts.AddRange(c.Values.Select((v, i) => "(" + SpssText(v.Value) + "=" + c.Codes[i].ToString(CultureInfo.InvariantCulture) + ")"));
            if (plan.NotAskedCount(c) > 0)
            {
                parts.Add("('" + plan.NotAskedCode + "'=" + plan.NotAskedCode + ")");
            }

            parts.Add("INTO wm_tmp.");
            var line = string.Join(' ', parts);
            s.Append(Encoding.UTF8.GetByteCount(line) <= SpssLineBytes && !line.Contains('\n', StringComparison.Ordinal) ? line : string.Join("\n  ", parts)).Append('\n');
            s.Append("EXECUTE.\n");
            s.Append("DELETE VARIABLES ").Append(c.Variable).Append(".\n");
            s.Append("RENAME VARIABLES (wm_tmp = ").Append(c.Variable).Append(").\n");
        }

        if (selects.Count > 0 || dates.Count > 0)
        {
            // RECODE INTO and COMPUTE append the new variables at the end: put every variable back in CSV order. "/KEEP=names ALL"
            // moves the names to the front; done for short groups of names from the last group to the first, so each
            // command fits on one line and no line starts with a name.
            var groups = GroupNames(plan.Columns.Select(c => c.Variable), SpssLineBytes - "ADD FILES /FILE=* /KEEP= ALL.".Length);
            for (var g = groups.Count - 1; g >= 0; g--)
            {
                s.Append("ADD FILES /FILE=* /KEEP=").Append(string.Join(' ', groups[g])).Append(" ALL.\n");
            }

            s.Append("EXECUTE.\n");
        }

        foreach (var c in plan.Columns)
        {
            s.Append("VARIABLE LABELS ").Append(c.Variable).Append(' ').Append(SpssText(TruncateBytes(c.Label, SpssVariableLabelBytes))).Append(".\n");
            s.Append("VARIABLE LEVEL ").Append(c.Variable).Append(c.Kind switch
            {
                ColumnKind.IntegerNumber or ColumnKind.DecimalNumber or ColumnKind.Duration => " (SCALE).\n",
                _ when IsClock(c) => " (SCALE).\n",
                _ => " (NOMINAL).\n",
            });
            if (plan.NotAskedCount(c) > 0)
            {
                s.Append("MISSING VALUES ").Append(c.Variable).Append(" (").Append(SpssNotAsked(plan, c)).Append(").\n");
            }

            if (c.Kind == ColumnKind.SelectOne)
            {
                var width = c.Codes.Count == 0 ? 1 : c.Codes.Max(code => code.ToString(CultureInfo.InvariantCulture).Length);
                s.Append("FORMATS ").Append(c.Variable).Append(" (F").Append(width.ToString(CultureInfo.InvariantCulture)).Append(".0).\n");
            }
            else if (c.Kind is ColumnKind.Dummy or ColumnKind.FlagDummy)
            {
                s.Append("FORMATS ").Append(c.Variable).Append(" (F1.0).\n");
            }
        }

        foreach (var c in plan.Columns.Where(c => c.Values.Count > 0 || plan.NotAskedCount(c) > 0))
        {
            s.Append("VALUE LABELS ").Append(c.Variable);
            for (var i = 0; i < c.Values.Count; i++)
            {
                var code = c.Kind == ColumnKind.SelectOne ? c.Codes[i].ToString(CultureInfo.InvariantCulture) : c.Values[i].Value;
                s.Append("\n  ").Append(code).Append(' ').Append(SpssText(TruncateBytes(c.Values[i].Label, SpssValueLabelBytes)));
            }

            if (plan.NotAskedCount(c) > 0)
            {
                s.Append("\n  ").Append(SpssNotAsked(plan, c)).Append(' ').Append(SpssText(ExportPlan.NotAskedLabel));
            }

            s.Append(".\n");
        }

        s.Append("EXECUTE.\n");
        return s.ToString();
    }

    /// <summary>A date, a time or a date-and-time: a number in SPSS and Stata, shown with a date or time format.</summary>
    private static bool IsClock(ExportColumn c) => c.Kind is ColumnKind.Date or ColumnKind.DateValue or ColumnKind.TimeValue or ColumnKind.DateTimeValue;

    /// <summary>The SPSS display format of a date, time or date-and-time variable.</summary>
    private static string SpssFormat(ExportColumn c) => c.Kind switch
    {
        ColumnKind.TimeValue => "TIME8",
        ColumnKind.DateTimeValue => "DATETIME20",
        _ => "SDATE10",
    };

    /// <summary>The not-asked code as SPSS writes a value of the variable: a number, or quoted for a text variable.</summary>
    private static string SpssNotAsked(ExportPlan plan, ExportColumn c) =>
        c.Kind is ColumnKind.Text or ColumnKind.SelectMultipleRaw ? "'" + plan.NotAskedCode + "'" : plan.NotAskedCode;

    /// <summary>One comment line per note, within <see cref="SpssLineBytes"/> bytes (the notes hold names and counts, never answers).</summary>
    private static void Notes(StringBuilder s, string start, string end, IReadOnlyList<string> notes)
    {
        foreach (var note in notes)
        {
            s.Append(start).Append(TruncateBytes(note, SpssLineBytes - start.Length - end.Length)).Append(end).Append('\n');
        }
    }

    /// <summary>The longest line SPSS reads whole in every syntax mode (longer lines are truncated in batch mode).</summary>
    public const int SpssLineBytes = 256;

    /// <summary>SPSS keeps variable labels up to 256 bytes; one less, so that no version truncates it again.</summary>
    public const int SpssVariableLabelBytes = 255;

    /// <summary>SPSS keeps value labels up to 120 bytes.</summary>
    public const int SpssValueLabelBytes = 120;

    /// <summary>Names packed into groups whose joined length stays within <paramref name="room"/> characters.</summary>
    private static List<List<string>> GroupNames(IEnumerable<string> names, int room)
    {
        var groups = new List<List<string>> { new() };
        var length = 0;
        foreach (var name in names)
        {
            if (groups[^1].Count > 0 && length + 1 + name.Length > room)
            {
                groups.Add([]);
                length = 0;
            }

            length += (groups[^1].Count > 0 ? 1 : 0) + name.Length;
            groups[^1].Add(name);
        }

        return groups;
    }

    /// <summary>
    /// A quoted SPSS string, split into pieces of at most <see cref="SpssPieceBytes"/> bytes of text joined by
    /// "+" on indented lines, so that the line holding each piece stays within <see cref="SpssLineBytes"/> bytes.
    /// </summary>
    private static string SpssText(string text)
    {
        var pieces = new List<string>();
        var piece = new StringBuilder();
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength * (rune.Value == '\'' ? 2 : 1);
            if (bytes + size > SpssPieceBytes)
            {
                pieces.Add(piece.ToString());
                piece.Clear();
                bytes = 0;
            }

            piece.Append(rune.Value == '\'' ? "''" : rune.ToString());
            bytes += size;
        }

        pieces.Add(piece.ToString());
        return string.Join("\n  + ", pieces.Select(p => "'" + p + "'"));
    }

    /// <summary>Text bytes of one piece of a split SPSS string: with the quotes, a 32-character name and a command word, a line stays within 256 bytes.</summary>
    private const int SpssPieceBytes = 160;

    /// <summary>The text cut to at most <paramref name="max"/> UTF-8 bytes on a character boundary, ending with "…" when cut.</summary>
    internal static string TruncateBytes(string text, int max)
    {
        if (Encoding.UTF8.GetByteCount(text) <= max)
        {
            return text;
        }

        var kept = new StringBuilder();
        var bytes = 0;
        var room = max - Encoding.UTF8.GetByteCount("…");
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > room)
            {
                break;
            }

            kept.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        return kept.Append('…').ToString();
    }

    public static string Stata(ExportPlan plan, string csvFile, IReadOnlyList<string> notes)
    {
        var s = new StringBuilder();
        s.Append("* Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        Notes(s, "* Note: ", string.Empty, notes);
        s.Append("import delimited using ").Append(StataString(csvFile)).Append(", varnames(1) stringcols(_all) encoding(\"utf-8\") bindquote(strict) clear\n");
        foreach (var c in plan.Columns)
        {
            // A question some response was not asked: its code becomes the extended missing value .a, labelled (text keeps the code).
            var notAsked = plan.NotAskedCount(c) > 0 && c.Kind is not (ColumnKind.Text or ColumnKind.SelectMultipleRaw);
            var notAskedLabel = notAsked ? " .a " + StataString(ExportPlan.NotAskedLabel) : string.Empty;
            var notAskedIf = " if " + c.Variable + " == " + StataString(plan.NotAskedCode) + "\n";
            switch (c.Kind)
            {
                case ColumnKind.IntegerNumber or ColumnKind.DecimalNumber or ColumnKind.Dummy or ColumnKind.FlagDummy or ColumnKind.Duration:
                    if (notAsked)
                    {
                        s.Append("replace ").Append(c.Variable).Append(" = \".a\"").Append(notAskedIf);
                    }

                    s.Append("destring ").Append(c.Variable).Append(", replace\n");
                    break;
                case ColumnKind.Date or ColumnKind.DateValue or ColumnKind.TimeValue or ColumnKind.DateTimeValue:
                    // Stata keeps a date as days since 1 Jan 1960, a date-time as milliseconds since its midnight and a time
                    // of day as a date-time on that day (hms()), shown with %tcHH:MM:SS.
                    var (value, format) = c.Kind switch
                    {
                        ColumnKind.TimeValue => ($"hms(real(substr({c.Variable}, 1, 2)), real(substr({c.Variable}, 4, 2)), real(substr({c.Variable}, 7, 2)))", "%tcHH:MM:SS"),
                        ColumnKind.DateTimeValue => ($"clock(subinstr({c.Variable}, \"T\", \" \", 1), \"YMDhms\")", "%tc"),
                        _ => ($"date({c.Variable}, \"YMD\")", "%td"),
                    };
                    s.Append("generate double _wm_tmp = ").Append(value).Append('\n');
                    if (notAsked)
                    {
                        s.Append("replace _wm_tmp = .a").Append(notAskedIf);
                    }

                    s.Append("drop ").Append(c.Variable).Append("\nrename _wm_tmp ").Append(c.Variable)
                        .Append("\nformat ").Append(c.Variable).Append(' ').Append(format).Append('\n');
                    break;
                case ColumnKind.SelectOne:
                    s.Append("generate long _wm_tmp = .\n");
                    for (var i = 0; i < c.Values.Count; i++)
                    {
                        s.Append("replace _wm_tmp = ").Append(c.Codes[i].ToString(CultureInfo.InvariantCulture)).Append(" if ").Append(c.Variable).Append(" == ").Append(StataString(c.Values[i].Value)).Append('\n');
                    }

                    if (notAsked)
                    {
                        s.Append("replace _wm_tmp = .a").Append(notAskedIf);
                    }

                    s.Append("drop ").Append(c.Variable).Append("\nrename _wm_tmp ").Append(c.Variable).Append('\n');
                    s.Append("label define ").Append(LabelName(c)).Append(string.Concat(c.Values.Select((x, i) => $" {c.Codes[i].ToString(CultureInfo.InvariantCulture)} {StataString(x.Label)}"))).Append(notAskedLabel).Append(", replace\n");
                    s.Append("label values ").Append(c.Variable).Append(' ').Append(LabelName(c)).Append('\n');
                    break;
            }

            if (c.Kind is ColumnKind.Dummy or ColumnKind.FlagDummy)
            {
                s.Append("label define ").Append(LabelName(c)).Append(string.Concat(c.Values.Select(x => $" {x.Value} {StataString(x.Label)}"))).Append(notAskedLabel).Append(", replace\n");
                s.Append("label values ").Append(c.Variable).Append(' ').Append(LabelName(c)).Append('\n');
            }
            else if (notAsked && c.Kind is not ColumnKind.SelectOne)
            {
                s.Append("label define ").Append(LabelName(c)).Append(notAskedLabel).Append(", replace\n");
                s.Append("label values ").Append(c.Variable).Append(' ').Append(LabelName(c)).Append('\n');
            }

            // Stata variable labels hold at most 80 characters.
            s.Append("label variable ").Append(c.Variable).Append(' ').Append(StataString(Truncate(c.Label, 80))).Append('\n');
        }

        s.Append("order ").Append(string.Join(' ', plan.Columns.Select(c => c.Variable))).Append('\n');
        return s.ToString();
    }


    private static string LabelName(ExportColumn c) => c.Variable.Length > 28 ? c.Variable[..28] + "_lbl" : c.Variable + "_lbl";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string RString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Stata compound quotes take any text except the closing sequence "' itself.</summary>
    private static string StataString(string text) => "`\"" + text.Replace("\"'", "\" '", StringComparison.Ordinal) + "\"'";
}
