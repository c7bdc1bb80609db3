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
    public static string R(ExportPlan plan, string csvFile)
    {
        var s = new StringBuilder();
        s.Append("# Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        s.Append("d <- read.csv(").Append(RString(csvFile)).Append(", colClasses = \"character\", na.strings = \"\", encoding = \"UTF-8\", check.names = FALSE)\n");
        foreach (var c in plan.Columns)
        {
            var v = "d[[" + RString(c.Variable) + "]]";
            switch (c.Kind)
            {
                case ColumnKind.IntegerNumber or ColumnKind.Dummy or ColumnKind.FlagDummy:
                    s.Append(v).Append(" <- as.integer(").Append(v).Append(")\n");
                    break;
                case ColumnKind.DecimalNumber:
                    s.Append(v).Append(" <- as.numeric(").Append(v).Append(")\n");
                    break;
                case ColumnKind.Date or ColumnKind.DateValue:
                    s.Append(v).Append(" <- as.Date(").Append(v).Append(", format = \"%Y-%m-%d\")\n");
                    break;
                case ColumnKind.SelectOne:
                    s.Append(v).Append(" <- factor(").Append(v)
                        .Append(", levels = c(").Append(string.Join(", ", c.Values.Select(x => RString(x.Value))))
                        .Append("), labels = c(").Append(string.Join(", ", c.Values.Select(x => RString(x.Label)))).Append("))\n");
                    break;
            }

            s.Append("attr(").Append(v).Append(", \"label\") <- ").Append(RString(c.Label)).Append('\n');
        }

        return s.ToString();
    }

    /// <summary>
    /// SPSS syntax that PSPP and SPSS read whatever the variable names: no line ever starts with a variable name
    /// (PSPP takes a line starting "comment", "document", "define" or a command's abbreviation as that command).
    /// Every variable gets its label, measurement level and format; select_one codes are the choice names when
    /// they are whole numbers, else 1..k (<see cref="ExportColumn.Codes"/>).
    /// </summary>
    public static string Spss(ExportPlan plan, string csvFile)
    {
        var s = new StringBuilder();
        s.Append("* Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        s.Append("GET DATA /TYPE=TXT /FILE=").Append(SpssString(csvFile)).Append(" /ENCODING='UTF8'\n");
        s.Append("  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=\",\" /QUALIFIER='\"'\n  /VARIABLES=");
        var previous = string.Empty;
        foreach (var c in plan.Columns)
        {
            // Each line starts with the previous variable's format, so that no line starts with a name.
            s.Append(previous.Length == 0 ? " " : "\n  " + previous + " ").Append(c.Variable);
            previous = c.Kind switch
            {
                ColumnKind.IntegerNumber or ColumnKind.Dummy or ColumnKind.FlagDummy => "F11.0",
                ColumnKind.DecimalNumber => "F20.6",
                ColumnKind.Date or ColumnKind.DateValue => "SDATE10",
                ColumnKind.SelectOne => "A" + Math.Max(1, c.Values.Max(x => Encoding.UTF8.GetByteCount(x.Value))).ToString(CultureInfo.InvariantCulture),
                _ => "A32767",
            };
        }

        s.Append("\n  ").Append(previous).Append(".\n");
        foreach (var c in plan.Columns.Where(c => c.Kind == ColumnKind.SelectOne))
        {
            s.Append("RECODE ").Append(c.Variable);
            for (var i = 0; i < c.Values.Count; i++)
            {
                s.Append(" (").Append(SpssString(c.Values[i].Value)).Append('=').Append(c.Codes[i].ToString(CultureInfo.InvariantCulture)).Append(')');
            }

            s.Append(" INTO wm_tmp.\nEXECUTE.\n");
            s.Append("DELETE VARIABLES ").Append(c.Variable).Append(".\n");
            s.Append("RENAME VARIABLES (wm_tmp = ").Append(c.Variable).Append(").\n");
        }

        // RECODE INTO appends the new variables at the end: put every variable back in CSV order.
        s.Append("ADD FILES /FILE=* /KEEP=").Append(string.Join(' ', plan.Columns.Select(c => c.Variable))).Append(".\nEXECUTE.\n");
        foreach (var c in plan.Columns)
        {
            s.Append("VARIABLE LABELS ").Append(c.Variable).Append(' ').Append(SpssString(c.Label)).Append(".\n");
            s.Append("VARIABLE LEVEL ").Append(c.Variable).Append(c.Kind switch
            {
                ColumnKind.IntegerNumber or ColumnKind.DecimalNumber or ColumnKind.Date or ColumnKind.DateValue => " (SCALE).\n",
                _ => " (NOMINAL).\n",
            });
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

        foreach (var c in plan.Columns.Where(c => c.Values.Count > 0))
        {
            s.Append("VALUE LABELS ").Append(c.Variable);
            for (var i = 0; i < c.Values.Count; i++)
            {
                var code = c.Kind == ColumnKind.SelectOne ? c.Codes[i].ToString(CultureInfo.InvariantCulture) : c.Values[i].Value;
                s.Append("\n  ").Append(code).Append(' ').Append(SpssString(c.Values[i].Label));
            }

            s.Append(".\n");
        }

        s.Append("EXECUTE.\n");
        return s.ToString();
    }

    public static string Stata(ExportPlan plan, string csvFile)
    {
        var s = new StringBuilder();
        s.Append("* Reads ").Append(csvFile).Append(" and applies labels. Written by waymark survey export.\n");
        s.Append("import delimited using ").Append(StataString(csvFile)).Append(", varnames(1) stringcols(_all) encoding(\"utf-8\") bindquote(strict) clear\n");
        foreach (var c in plan.Columns)
        {
            switch (c.Kind)
            {
                case ColumnKind.IntegerNumber or ColumnKind.DecimalNumber or ColumnKind.Dummy or ColumnKind.FlagDummy:
                    s.Append("destring ").Append(c.Variable).Append(", replace\n");
                    break;
                case ColumnKind.Date or ColumnKind.DateValue:
                    s.Append("generate double _wm_tmp = date(").Append(c.Variable).Append(", \"YMD\")\n")
                        .Append("drop ").Append(c.Variable).Append("\nrename _wm_tmp ").Append(c.Variable)
                        .Append("\nformat ").Append(c.Variable).Append(" %td\n");
                    break;
                case ColumnKind.SelectOne:
                    s.Append("generate long _wm_tmp = .\n");
                    for (var i = 0; i < c.Values.Count; i++)
                    {
                        s.Append("replace _wm_tmp = ").Append(c.Codes[i].ToString(CultureInfo.InvariantCulture)).Append(" if ").Append(c.Variable).Append(" == ").Append(StataString(c.Values[i].Value)).Append('\n');
                    }

                    s.Append("drop ").Append(c.Variable).Append("\nrename _wm_tmp ").Append(c.Variable).Append('\n');
                    s.Append("label define ").Append(LabelName(c)).Append(string.Concat(c.Values.Select((x, i) => $" {c.Codes[i].ToString(CultureInfo.InvariantCulture)} {StataString(x.Label)}"))).Append(", replace\n");
                    s.Append("label values ").Append(c.Variable).Append(' ').Append(LabelName(c)).Append('\n');
                    break;
            }

            if (c.Kind is ColumnKind.Dummy or ColumnKind.FlagDummy)
            {
                s.Append("label define ").Append(LabelName(c)).Append(string.Concat(c.Values.Select(x => $" {x.Value} {StataString(x.Label)}"))).Append(", replace\n");
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

    private static string SpssString(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Stata compound quotes take any text except the closing sequence "' itself.</summary>
    private static string StataString(string text) => "`\"" + text.Replace("\"'", "\" '", StringComparison.Ordinal) + "\"'";
}
