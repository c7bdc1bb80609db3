using System.Net;
using Microsoft.AspNetCore.Authorization;
using Waymark.Accounts;
using Waymark.Responses;
using Waymark.Testing;
using Waymark.Web.Accounts;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The console's instruments section over HTTP with a signed-in editor (password, TOTP,
/// anti-forgery): upload, problems by row, preview, publish, the public page serving it, close.
/// </summary>
public sealed class InstrumentConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("InstrumentConsoleTests");

    private readonly HttpClient _public = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = staff.Server.PublicUrl };

    private ConsoleSession Editor => staff.SessionOf(ConsoleRole.Editor);

    public void Dispose()
    {
        _public.Dispose();
        _temp.Dispose();
    }

    private static byte[] NewPublicKey() => NewPublicKey(out _);

    private static byte[] NewPublicKey(out string fingerprint)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        fingerprint = SealingKeys.Fingerprint(key);
        return System.Text.Encoding.ASCII.GetBytes(SealingKeys.FormatPublic(key) + "\n");
    }

    private async Task<long> UploadGoodAsync(string formId, string version = "1", byte[]? key = null)
    {
        using var response = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good(formId, version), key: key);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return InstrumentFiles.IdFrom(response);
    }

    [Fact]
    public async Task A_good_form_is_a_draft_until_published_then_served_and_closing_keeps_its_responses()
    {
        var id = await UploadGoodAsync("wellbeing-check", key: NewPublicKey(out var fingerprint));
        var detail = await Editor.Client.GetStringAsync($"/console/instruments/{id}");
        var detailPage = HtmlPage.Parse(detail);
        Assert.Equal("draft", detailPage.Text("dd#status"));
        Assert.Equal("Uploaded as a draft. Preview it, then publish it.", detailPage.Text("#message")); // the upload's redirect says it once
        Assert.Contains("sealed with the research team", detail, StringComparison.Ordinal);
        Assert.Equal(fingerprint, detailPage.Text("code#key-fingerprint"));
        Assert.Contains("en, ar", detail, StringComparison.Ordinal);
        using (var draft = await _public.GetAsync("/en/s/wellbeing-check"))
        {
            Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        }

        using (var published = await InstrumentFiles.PressAsync(Editor, id, "Publish"))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            Assert.Contains("wellbeing-check version 1 is now published", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains(InstrumentFiles.Title, await _public.GetStringAsync("/en/s/wellbeing-check"), StringComparison.Ordinal);
        var respondent = new HttpRespondent(_public, staff.Server.PublicUrl, "wellbeing-check");
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        await respondent.PostAsync("next", ("talked", "no"));
        await respondent.PostAsync("next", ("more", "zorblat"));
        Assert.True(respondent.IsComplete, respondent.Html);
        var stored = await staff.Server.Database.SurveyResponses.ReadAsync("wellbeing-check");
        Assert.True(Assert.Single(stored).Sealed);

        using (var closed = await InstrumentFiles.PressAsync(Editor, id, "Close"))
        {
            Assert.Contains("is now closed", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var gone = await _public.GetAsync("/ar/s/wellbeing-check"))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("هذا الاستبيان مغلق", WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var late = new HttpRespondent(_public, staff.Server.PublicUrl, "wellbeing-check");
        late.TakeOver(respondent.Previous);
        await late.PostAsync("next", ("more", "quenmix"));
        Assert.Equal(HttpStatusCode.Gone, late.Status);
        Assert.Single(await staff.Server.Database.SurveyResponses.ReadAsync("wellbeing-check"));

        var audit = (await staff.Server.Database.AuditLog.ReadLatestAsync(50)).Where(e => e.Detail.StartsWith("wellbeing-check", StringComparison.Ordinal)).ToList();
        Assert.Equal(["instrument closed", "instrument published", "instrument uploaded"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(("staff-editor", $"wellbeing-check version 1 (responses sealed, key {fingerprint})"), (e.Actor, e.Detail)));

        var list = await Editor.Client.GetStringAsync("/console/instruments");
        var row = HtmlPage.Parse(list).One($"a[href='/console/instruments/{id}']").Closest("tr")!;
        Assert.Equal("wellbeing-check", row.Text($"a[href='/console/instruments/{id}']"));
        Assert.Contains("closed", row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()));
    }

    [Fact]
    public async Task A_form_that_does_not_import_shows_its_problems_by_sheet_row_and_column_and_is_not_stored()
    {
        using var response = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Broken("broken-form"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("the form does not import; nothing was stored", html, StringComparison.Ordinal);
        Assert.Matches("<tr>\\s*<td>error</td>\\s*<td>survey</td>\\s*<td>3</td>\\s*<td>A \\(type\\)</td>\\s*<td>[^<]*geopoint", html);
        Assert.Matches("<tr>\\s*<td>error</td>\\s*<td>survey</td>\\s*<td>4</td>\\s*<td>A \\(type\\)</td>\\s*<td>[^<]*nolist", html);
        Assert.DoesNotContain(await staff.Server.Database.Instruments.ListAsync(), i => i.FormId == "broken-form");
    }

    [Fact]
    public async Task Publishing_without_a_public_key_needs_a_deliberate_confirmation()
    {
        var id = await UploadGoodAsync("unsealed-check");
        var detail = await Editor.Client.GetStringAsync($"/console/instruments/{id}");
        var warning = HtmlPage.Parse(detail).One("#unsealed-warning");
        Assert.Contains("unsealed", warning.QuerySelectorAll("strong").Select(strong => strong.TextContent));
        Assert.Contains("stored unsealed", warning.TextContent, StringComparison.Ordinal);

        using (var refused = await InstrumentFiles.PressAsync(Editor, id, "Publish"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("would be stored unsealed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var notServed = await _public.GetAsync("/en/s/unsealed-check"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notServed.StatusCode);
        }

        using (var published = await InstrumentFiles.PressAsync(Editor, id, "Publish", confirmUnsealed: true))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        using var served = await _public.GetAsync("/en/s/unsealed-check");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains(await staff.Server.Database.AuditLog.ReadLatestAsync(20), e => e.Detail == "unsealed-check version 1 (responses NOT sealed)" && e.Action == "instrument published");
    }

    [Fact]
    public async Task A_published_version_is_never_replaced_and_a_new_version_takes_its_place()
    {
        var first = await UploadGoodAsync("versioned-check");
        var replaced = await UploadGoodAsync("versioned-check");
        Assert.Equal(first, replaced); // still a draft: replaced in place
        using (await InstrumentFiles.PressAsync(Editor, first, "Publish", confirmUnsealed: true))
        {
        }

        using (var again = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good("versioned-check")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("already published and is never replaced", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var second = await UploadGoodAsync("versioned-check", version: "2");
        using (await InstrumentFiles.PressAsync(Editor, second, "Publish", confirmUnsealed: true))
        {
        }

        Assert.Contains("published, superseded (not served)", await Editor.Client.GetStringAsync($"/console/instruments/{first}"), StringComparison.Ordinal);
        Assert.Contains("published (served)", await Editor.Client.GetStringAsync($"/console/instruments/{second}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_shows_every_page_and_question_read_only_in_arabic_right_to_left()
    {
        var id = await UploadGoodAsync("preview-check");
        var page = HtmlPage.Parse(await Editor.Client.GetStringAsync($"/console/instruments/{id}/preview/ar"));
        var preview = page.One("#preview");
        Assert.Equal(("ar", "rtl"), (preview.GetAttribute("lang"), preview.GetAttribute("dir")));
        var html = preview.TextContent;
        Assert.Contains("Page 1 of 2", html, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", html, StringComparison.Ordinal);
        foreach (var text in new[] { "الصفحة الأولى", "هل تحدثت إلى أحد؟", "مع من تحدثت؟", "الصفحة الثانية", "هل من شيء آخر؟", "نعم", "(إلزامي)" })
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }

        Assert.Contains("shown when: ${talked} = 'yes'", html, StringComparison.Ordinal);
        Assert.Equal(2, preview.QuerySelectorAll("fieldset[disabled]").Length); // one a page, read only
        Assert.False(page.Has("script"));
        Assert.True(page.Has($"a[href='/console/instruments/{id}/preview/en']"));
        Assert.Contains("Have you talked to someone?", await Editor.Client.GetStringAsync($"/console/instruments/{id}/preview/en"), StringComparison.Ordinal);
        using var unknown = await Editor.Client.GetAsync($"/console/instruments/{id}/preview/fr");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_upload_without_the_anti_forgery_token_or_by_another_role_is_refused()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(InstrumentFiles.Good("forged")), "form", "form.xlsx" } };
        using var forged = await Editor.Client.PostAsync("/console/instruments/upload", content);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var analyst = await staff.SessionOf(ConsoleRole.Analyst).Client.GetAsync("/console/instruments/upload");
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
        Assert.DoesNotContain(await staff.Server.Database.Instruments.ListAsync(), i => i.FormId == "forged");
    }

    [Fact]
    public async Task A_public_key_file_that_is_not_a_key_is_refused()
    {
        using var response = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good("bad-key"), key: "not a key\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the public key file: not a key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_key_or_an_unmarked_key_in_the_public_key_field_is_refused_and_not_kept()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("upload-keys")).Value;
        using (var secret = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good("secret-key"), key: await File.ReadAllBytesAsync(keys.SecretKeyPath)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, secret.StatusCode);
            var html = WebUtility.HtmlDecode(await secret.Content.ReadAsStringAsync());
            Assert.Contains("the public key file is a SECRET key", html, StringComparison.Ordinal);
            Assert.Contains("must never go to the server", html, StringComparison.Ordinal);
            Assert.DoesNotContain(File.ReadAllText(keys.SecretKeyPath).Trim(), html, StringComparison.Ordinal);
        }

        var unmarked = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(SealingKeys.ReadPublic(keys.PublicKeyPath).Value!) + "\n");
        using (var old = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good("secret-key"), key: unmarked))
        {
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
            Assert.Contains("waymark keys upgrade", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(await staff.Server.Database.Instruments.ListAsync(), i => i.FormId == "secret-key");
    }

    [Fact]
    public async Task Publishing_and_closing_redirect_to_the_detail_page_which_gives_the_public_address()
    {
        var id = await UploadGoodAsync("redirect-check", key: NewPublicKey(out _));
        var page = await Editor.Client.GetStringAsync($"/console/instruments/{id}");
        Assert.DoesNotContain("/en/s/redirect-check", page, StringComparison.Ordinal); // a draft has no address yet
        string detail;
        using (var published = await Editor.PostFormAsync($"/console/instruments/{id}?handler=Publish", page, []))
        {
            // Redirect after POST: reloading the page the browser lands on never publishes again.
            Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
            Assert.Equal($"/console/instruments/{id}", published.Headers.Location?.OriginalString);
            using var landed = await Editor.FollowAsync(published);
            detail = await landed.Content.ReadAsStringAsync();
        }

        Assert.Equal("redirect-check version 1 is now published", HtmlPage.Parse(detail).Text("#message"));
        var addresses = HtmlPage.Parse(detail).QuerySelectorAll("code").Select(code => code.TextContent).ToList();
        Assert.Contains("/en/s/redirect-check", addresses);
        Assert.Contains("/ar/s/redirect-check", addresses);
        var reloaded = await Editor.Client.GetStringAsync($"/console/instruments/{id}");
        Assert.False(HtmlPage.Parse(reloaded).Has("#message")); // said once
        using (var closed = await Editor.PostFormAsync($"/console/instruments/{id}?handler=Close", reloaded, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
            Assert.Equal($"/console/instruments/{id}", closed.Headers.Location?.OriginalString);
            using var landed = await Editor.FollowAsync(closed);
            Assert.Equal("redirect-check version 1 is now closed", HtmlPage.Parse(await landed.Content.ReadAsStringAsync()).Text("#message"));
        }
    }

    [Fact]
    public async Task The_secret_key_can_be_checked_against_the_draft_before_publishing_and_is_not_kept()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("check-keys")).Value;
        var other = SealingKeys.Generate(_temp.NewFolder("check-other")).Value;
        var id = await UploadGoodAsync("key-check", key: await File.ReadAllBytesAsync(keys.PublicKeyPath));
        var secretLine = (await File.ReadAllTextAsync(keys.SecretKeyPath)).Trim();

        async Task<(HttpStatusCode Status, string Html)> CheckAsync(string keyText)
        {
            var page = await Editor.Client.GetStringAsync($"/console/instruments/{id}");
            using var response = await Editor.FollowAsync(await Editor.PostFormAsync($"/console/instruments/{id}?handler=CheckKey", page, [new("keyText", keyText)]));
            return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        var (status, html) = await CheckAsync(secretLine);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("The secret key belongs to this version's public key", html, StringComparison.Ordinal);
        Assert.DoesNotContain(secretLine, html, StringComparison.Ordinal);

        (status, html) = await CheckAsync((await File.ReadAllTextAsync(other.SecretKeyPath)).Trim());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not the secret half of this version's public key", html, StringComparison.Ordinal);

        (status, html) = await CheckAsync((await File.ReadAllTextAsync(keys.PublicKeyPath)).Trim());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is the PUBLIC key", html, StringComparison.Ordinal);

        var audit = await staff.Server.Database.AuditLog.ReadLatestAsync(100);
        Assert.Contains(audit, e => e.Action == "instrument key checked" && e.Detail.EndsWith("the secret key opens it", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "instrument key checked" && e.Detail.EndsWith("not its secret key", StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain(secretLine, e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void The_instrument_pages_and_the_test_preview_are_console_pages_that_need_the_editor_role()
    {
        var routes = staff.Server.Endpoints
            .Where(e => InProcessServer.PathFor(e).StartsWith("/console/instruments", StringComparison.Ordinal))
            .ToList();
        // The pages an editor works with are there; whatever else the folder gains is held to the same policy
        // (and ConsoleRouteTests checks every console page against its folder's policy).
        Assert.Subset(
            routes.Select(InProcessServer.PathFor).ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(["/console/instruments", "/console/instruments/1", "/console/instruments/1/preview/en", "/console/instruments/1/try/en", "/console/instruments/upload"], StringComparer.Ordinal));
        Assert.All(routes, route => Assert.Contains(
            route.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == ConsoleAuthentication.PolicyName(ConsoleRole.Editor)));
    }
}
