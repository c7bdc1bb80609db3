using System.Net;
using System.Net.Http.Headers;
using Waymark.Accounts;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// An instrument's public key is pinned at its first publish: an editor who publishes a version with
/// another key, or none, only asks; an analyst or an admin approves or refuses (audited with both
/// fingerprints); responses sealed under each key open with the keys an analyst unlocked, and those
/// that do not open are named instead of failing the set. On SQLite and PostgreSQL.
/// </summary>
public abstract class KeyPinningChecks(StaffFixture staff) : IDisposable
{
    private readonly HttpClient _public = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = staff.Server.PublicUrl };
    private readonly TempFolder _temp = TempFolder.Create("KeyPinningChecks");

    private ConsoleSession Editor => staff.SessionOf(ConsoleRole.Editor);

    public void Dispose()
    {
        _public.Dispose();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Another_key_waits_for_an_analyst_or_admin_and_each_answer_is_audited_with_both_fingerprints()
    {
        const string formId = "pinned-check";
        var (first, firstKey) = NewKeys();
        var (second, secondKey) = NewKeys();
        var v1 = await UploadAsync(formId, "1", first);
        using (var published = await InstrumentFiles.PressAsync(Editor, v1, "Publish"))
        {
            Assert.Contains("is now published", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await RespondAsync(formId);

        // The editor publishes version 2 with another key: nothing changes for respondents, a request waits.
        var v2 = await UploadAsync(formId, "2", second);
        using (var asked = await InstrumentFiles.PressAsync(Editor, v2, "Publish"))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            var detail = HtmlPage.Parse(await asked.Content.ReadAsStringAsync());
            var html = detail.Body!.TextContent;
            Assert.Contains("not published yet", html, StringComparison.Ordinal);
            Assert.Contains($"pinned to the key {Fingerprint(first)}", html, StringComparison.Ordinal);
            Assert.True(detail.Has("dd#key-change"));
        }

        Assert.Equal(InstrumentStatus.Draft, (await staff.Server.Database.Instruments.FindAsync(v2))!.Info.Status);
        Assert.Equal(InstrumentStatus.Published, (await staff.Server.Database.Instruments.FindAsync(v1))!.Info.Status);
        var change = $"{formId} version 2: key {Fingerprint(first)} -> {Fingerprint(second)}";
        Assert.Contains(await Audit(formId), e => (e.Actor, e.Action, e.Detail) == ("staff-editor", "instrument key change requested", change));

        // An editor alone cannot approve; an analyst (or an admin) can, after seeing the fingerprints.
        using (var refused = await Editor.Client.GetAsync("/console/keychanges"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var analyst = staff.SessionOf(ConsoleRole.Analyst);
        var list = await analyst.Client.GetStringAsync("/console/keychanges");
        Assert.Contains(Fingerprint(first), list, StringComparison.Ordinal);
        Assert.Contains(Fingerprint(second), list, StringComparison.Ordinal);
        using (var stale = await analyst.PostFormAsync("/console/keychanges?handler=Approve", list, [new("id", v2.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("key", Fingerprint(first))]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        }

        using (var approved = await analyst.PostFormAsync("/console/keychanges?handler=Approve", list, [new("id", v2.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("key", Fingerprint(second))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode); // redirect after POST: a reload never approves twice
            Assert.Equal("/console/keychanges", approved.Headers.Location?.OriginalString);
            Assert.Contains("version 2 is now published", await analyst.Client.GetStringAsync("/console/keychanges"), StringComparison.Ordinal);
            Assert.DoesNotContain("version 2 is now published", await analyst.Client.GetStringAsync("/console/keychanges"), StringComparison.Ordinal); // said once
        }

        Assert.Contains(await Audit(formId), e => (e.Actor, e.Action) == ("staff-analyst", "instrument key change approved") && e.Detail.StartsWith(change, StringComparison.Ordinal));
        await RespondAsync(formId);

        // Version 3 without a key (unsealed, confirmed) is a change too; an admin refuses it.
        var v3 = await UploadAsync(formId, "3", null);
        using (await InstrumentFiles.PressAsync(Editor, v3, "Publish", confirmUnsealed: true))
        {
        }

        var admin = staff.SessionOf(ConsoleRole.Admin);
        var adminList = await admin.Client.GetStringAsync("/console/keychanges");
        Assert.Contains("none (unsealed)", adminList, StringComparison.Ordinal);
        using (var no = await admin.FollowAsync(await admin.PostFormAsync("/console/keychanges?handler=Refuse", adminList, [new("id", v3.ToString(System.Globalization.CultureInfo.InvariantCulture))])))
        {
            Assert.Equal(HttpStatusCode.OK, no.StatusCode);
            Assert.Contains("version 3 was refused", await no.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(InstrumentStatus.Draft, (await staff.Server.Database.Instruments.FindAsync(v3))!.Info.Status);
        Assert.Contains(await Audit(formId), e => (e.Actor, e.Action) == ("staff-admin", "instrument key change refused") && e.Detail.StartsWith($"{formId} version 3: key {Fingerprint(second)} -> none (unsealed)", StringComparison.Ordinal));
        var stored = await staff.Server.Database.SurveyResponses.ReadAsync(formId);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.True(s.Sealed));

        // The analyst unlocks the first key: one response opens, the other is named as not opened.
        var answers = $"/console/responses/{formId}";
        using (var one = await UnlockAsync(analyst, answers, firstKey))
        {
            var opened = HtmlPage.Parse(await one.Content.ReadAsStringAsync());
            var html = opened.Body!.TextContent;
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Contains("1 response(s) did not open", html, StringComparison.Ordinal);
            Assert.Contains(stored.Select(s => s.Id), id => html.Contains(id + " (", StringComparison.Ordinal));
            Assert.Contains(Fingerprint(second), opened.Text("p#missing-keys"), StringComparison.Ordinal);
        }

        using (var both = await UnlockAsync(analyst, answers, secondKey, field: "moreKeyFile"))
        {
            var html = await both.Content.ReadAsStringAsync();
            Assert.DoesNotContain("did not open", html, StringComparison.Ordinal);
            Assert.All(stored, s => Assert.Contains(s.Id, html, StringComparison.Ordinal));
        }

        var page = await analyst.Client.GetStringAsync("/console/responses");
        using (await analyst.PostFormAsync("/console/responses?handler=Lock", page, []))
        {
        }
    }

    private static string Fingerprint(byte[] publicKey) => SealingKeys.Fingerprint(publicKey);

    /// <summary>A fresh key pair: the public key's bytes and the secret key file's bytes.</summary>
    private (byte[] PublicKey, byte[] SecretFile) NewKeys()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("pin-keys")).Value;
        return (SealingKeys.ReadPublic(keys.PublicKeyPath).Value!, File.ReadAllBytes(keys.SecretKeyPath));
    }

    private async Task<long> UploadAsync(string formId, string version, byte[]? publicKey)
    {
        var key = publicKey is null ? null : System.Text.Encoding.ASCII.GetBytes(SealingKeys.FormatPublic(publicKey) + "\n");
        using var response = await InstrumentFiles.UploadAsync(Editor, InstrumentFiles.Good(formId, version), key: key);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return InstrumentFiles.IdFrom(response);
    }

    private async Task RespondAsync(string formId)
    {
        var respondent = new HttpRespondent(_public, staff.Server.PublicUrl, formId);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        await respondent.PostAsync("next", ("talked", "no"));
        await respondent.PostAsync("next", ("more", "zorblat"));
        Assert.True(respondent.IsComplete, respondent.Html);
    }

    private async Task<IReadOnlyList<AuditEntry>> Audit(string formId) =>
        (await staff.Server.Database.AuditLog.ReadLatestAsync(200)).Where(e => e.Detail.StartsWith(formId + " ", StringComparison.Ordinal)).ToList();

    private static async Task<HttpResponseMessage> UnlockAsync(ConsoleSession session, string path, byte[] keyFile, string field = "keyFile")
    {
        var page = await session.Client.GetStringAsync(path);
        using var form = new MultipartFormDataContent { { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(keyFile);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, "research.key");
        return await session.FollowAsync(await session.Client.PostAsync(path + "?handler=Unlock", form));
    }
}

public sealed class KeyPinningTests(StaffFixture staff) : KeyPinningChecks(staff), IClassFixture<StaffFixture>;

public sealed class KeyPinningTestsOnPostgres(PostgresStaffFixture staff) : KeyPinningChecks(staff), IClassFixture<PostgresStaffFixture>;
