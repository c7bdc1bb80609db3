using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Surveys.Export;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Exports;

/// <summary>
/// Downloads of one instrument's export files, made in memory from the answers opened for this
/// request and sent as an attachment; nothing is written on the server. Each download is audited
/// (instrument, file and count: no answer, no key).
/// </summary>
public sealed class InstrumentModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts, TimeProvider time) : AnalystPage(catalog, access, accounts)
{
    /// <summary>The formats offered: the form value, what the button says, the file's suffix and its media type.</summary>
    internal static readonly IReadOnlyList<(string Format, string Label, string Suffix, string MediaType)> Formats =
    [
        (AllFormat, "all (one zip: data, spreadsheet CSV, codebook, R, SPSS, Stata; each repeat's table too)", ".zip", "application/zip"),
        ("csv", "CSV data (raw, read by the R, SPSS and Stata files)", ExportFileSuffix.Data, "text/csv"),
        ("spreadsheet", "CSV for spreadsheets (Excel, LibreOffice; formulas neutralised)", ExportFileSuffix.Spreadsheet, "text/csv"),
        ("codebook", "Codebook (CSV)", ExportFileSuffix.Codebook, "text/csv"),
        ("r", "R script", ExportFileSuffix.R, "text/plain"),
        ("spss", "SPSS syntax", ExportFileSuffix.Spss, "text/plain"),
        ("stata", "Stata do-file", ExportFileSuffix.Stata, "text/plain"),
        ("dta", "Stata data file (.dta, labelled: open it with use)", ExportFileSuffix.StataData, "application/x-stata-dta"),
    ];

    /// <summary>The format of "download all": every file of the export, repeat tables included, in one zip.</summary>
    public const string AllFormat = "all";

    public string? Error { get; private set; }

    internal ResponseFilter Filter { get; private set; } = null!;

    /// <summary>The form versions among the opened responses (when this session can read them).</summary>
    internal IReadOnlyList<string> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string instrument, CancellationToken cancellationToken)
    {
        if (!Load(instrument))
        {
            return NotFound();
        }

        Filter = ResponseFilter.Read(name => Request.Query[name].FirstOrDefault(), ResponseFilter.Include);
        if (CanRead)
        {
            Versions = (await FilteredResponses.OpenAsync(Access, Entry, SessionId, Filter, cancellationToken)).Versions;
        }

        return Page();
    }

    /// <summary>The box that allows an export of only the responses that opened when some did not.</summary>
    public const string PartialField = "partial";

    /// <summary>Which table's file: empty for the responses, a repeat's name for its long table (one row per instance).</summary>
    public const string TableField = "table";

    public async Task<IActionResult> OnPostAsync(string instrument, string? format, string? language, string? partial, string? table, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        Filter = ResponseFilter.Read(name => Request.Form[name].FirstOrDefault(), ResponseFilter.Include);
        var chosen = Formats.FirstOrDefault(f => f.Format == format);
        if (chosen.Format is null)
        {
            return Refuse($"Choose one of the formats ({string.Join(", ", Formats.Select(f => f.Format))}).");
        }

        var baseName = SurveyExport.BaseName(Entry.Instrument.Settings.FormId);
        if (!string.IsNullOrEmpty(table))
        {
            if (Entry.Instrument.FindGroup(table) is not { IsRepeat: true } repeat)
            {
                return Refuse("Choose the responses or one of the repeats as the table.");
            }

            baseName = SurveyExport.RepeatBaseName(baseName, repeat.Name);
        }

        var filtered = await FilteredResponses.OpenAsync(Access, Entry, SessionId, Filter, cancellationToken);
        var opened = filtered.Opened;
        Versions = filtered.Versions;
        if (opened.Locked)
        {
            return Refuse("The answers are sealed and locked: unlock them with the research team's key first.");
        }

        if (opened.NotOpenedSummary is { } notOpened && partial != "yes")
        {
            return Refuse(notOpened + " Or tick the box to export only the responses that opened.");
        }

        var export = SurveyExport.Create(Entry.Instrument, filtered.ForExport(), Language, Entry.OtherVersions);
        var name = chosen.Format == AllFormat ? SurveyExport.BaseName(Entry.Instrument.Settings.FormId) + chosen.Suffix : baseName + chosen.Suffix;
        var bytes = chosen.Format == AllFormat ? export.Zip(time.GetUtcNow()) : export.Bytes(name)!;
        var kept = Filter.IsActive ? $" of {opened.Records.Count}, {Filter.Describe()}" : "";
        await AuditAsync("export downloaded", $"{Entry.Id}: {name} ({filtered.Kept.Count} responses{kept}{(opened.NotOpened.Count > 0 ? $", {opened.NotOpened.Count} that did not open left out" : "")}, labels {Language})", cancellationToken);
        return File(bytes, chosen.MediaType.StartsWith("text/", StringComparison.Ordinal) ? chosen.MediaType + "; charset=utf-8" : chosen.MediaType, name);
    }

    private PageResult Refuse(string message)
    {
        Error = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
