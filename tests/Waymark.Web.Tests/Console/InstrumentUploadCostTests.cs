using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// What an upload may cost the console node: one XLSForm is checked at a time (a second upload meanwhile
/// is told the server is busy and nothing is stored), and a cell longer than Excel allows is refused
/// with its sheet, row and column before the form is imported.
/// </summary>
public sealed class InstrumentUploadCostTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("InstrumentUploadCostTests");

    public void Dispose() => _temp.Dispose();

    [Theory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_second_upload_while_one_is_checked_is_told_busy_and_nothing_is_stored(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        using var uploads = NewUploads(database);

        using (var held = uploads.TryHoldImport())
        {
            Assert.NotNull(held);
            Assert.Null(uploads.TryHoldImport());
            var busy = await uploads.UploadAsync(File(InstrumentFiles.Good("busy-form")), null, "ed", CancellationToken.None);
            Assert.True(busy.Busy);
            Assert.False(busy.Saved.IsSuccess);
            Assert.Contains("one at a time", busy.Saved.Error, StringComparison.Ordinal);
            Assert.Empty(await database.Instruments.ListAsync());
        }

        var stored = await uploads.UploadAsync(File(InstrumentFiles.Good("busy-form")), null, "ed", CancellationToken.None);
        Assert.False(stored.Busy);
        Assert.True(stored.Saved.IsSuccess);
        Assert.NotNull(uploads.TryHoldImport());
    }

    [Theory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_cell_longer_than_excel_allows_is_refused_naming_its_sheet_row_and_column(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        using var uploads = NewUploads(database);
        var longLabel = string.Concat(Enumerable.Repeat("zorblat quenmix ", 2100)); // 33,600 characters
        var form = InstrumentFiles.Xlsx(
        [
            ("survey", [["type", "name", "label"], ["text", "fine", "A short label"], ["note", "long", longLabel]]),
            ("settings", [["form_id", "version"], ["long-cells", "1"]]),
        ]);

        var outcome = await uploads.UploadAsync(File(form), null, "ed", CancellationToken.None);

        Assert.False(outcome.Saved.IsSuccess);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(("survey", 3, "C"), (problem.Source, problem.Line, problem.Column));
        Assert.Contains("at most 32,767", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await database.Instruments.ListAsync());
    }

    private InstrumentUploads NewUploads(WaymarkDatabase database)
    {
        var options = new SurveyOptions { Directory = _temp.NewFolder("no-surveys") };
        var catalog = SurveyCatalog.Load(options, null, Waymark.Surveys.XlsForm.XlsFormFile.Load, TimeProvider.System, NullLogger.Instance);
        var sync = new InstrumentCatalogSync(catalog, database, options, TimeProvider.System, NullLogger<InstrumentCatalogSync>.Instance);
        return new InstrumentUploads(catalog, sync, database, new ConsoleAccounts(database, TimeProvider.System, TotpSecretBox.None), TimeProvider.System);
    }

    private static FormFile File(byte[] bytes) =>
        new(new MemoryStream(bytes), 0, bytes.Length, "form", "form.xlsx");
}
