using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Waymark.Testing;
using Waymark.Web.Forms;

namespace Waymark.Web.Tests;

public sealed class FormGuardTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _protection = new EphemeralDataProtectionProvider();

    private static FormCollection Post(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Value), StringComparer.Ordinal));

    [Fact]
    public void A_submission_with_the_rendered_names_is_accepted_and_read_by_logical_name()
    {
        var guard = new FormGuard(_protection, _clock);
        var form = guard.Issue("survey-page");
        var check = guard.Check("survey-page", Post((FormGuard.TokenField, form.Token), (form.Name("answer"), "quenmix"), (form.HoneypotName, "")));
        Assert.Equal(FormCheckOutcome.Accepted, check.Outcome);
        Assert.Equal("quenmix", check.Value("answer"));
        Assert.Null(check.Value("other"));
    }

    [Fact]
    public void Field_names_rotate_with_every_rendering()
    {
        var guard = new FormGuard(_protection, _clock);
        var first = guard.Issue("survey-page");
        var second = guard.Issue("survey-page");
        Assert.NotEqual(first.Name("answer"), second.Name("answer"));
        Assert.NotEqual(first.Name("answer"), first.Name("other"));
        Assert.NotEqual(first.Name("answer"), first.HoneypotName);
        Assert.Matches("^f[0-9a-f]{12}-answer$", first.Name("answer"));

        // A bot replaying yesterday's field names with today's token gets nothing.
        var check = guard.Check("survey-page", Post((FormGuard.TokenField, second.Token), (first.Name("answer"), "zorblat")));
        Assert.Null(check.Value("answer"));
    }

    [Fact]
    public void A_filled_honeypot_is_reported()
    {
        var guard = new FormGuard(_protection, _clock);
        var form = guard.Issue("contact");
        Assert.Equal(FormCheckOutcome.Honeypot, guard.Check("contact", Post((FormGuard.TokenField, form.Token), (form.HoneypotName, "http://spam.invalid"))).Outcome);
        var field = HtmlPage.Parse(form.HoneypotField().ToString()!).One("input");
        Assert.Equal(("hidden", form.HoneypotName, ""), (field.GetAttribute("type"), field.GetAttribute("name"), field.GetAttribute("value")));
    }

    [Fact]
    public void Forged_foreign_and_expired_tokens_are_refused()
    {
        var guard = new FormGuard(_protection, _clock);
        var form = guard.Issue("contact");
        Assert.Equal(FormCheckOutcome.Invalid, guard.Check("contact", Post()).Outcome);
        Assert.Equal(FormCheckOutcome.Invalid, guard.Check("contact", Post((FormGuard.TokenField, form.Token[..^2] + "AA"))).Outcome);
        Assert.Equal(FormCheckOutcome.Invalid, guard.Check("other-form", Post((FormGuard.TokenField, form.Token))).Outcome);
        Assert.Equal(FormCheckOutcome.Invalid, new FormGuard(new EphemeralDataProtectionProvider(), _clock).Check("contact", Post((FormGuard.TokenField, form.Token))).Outcome);

        _clock.Now += FormGuard.Lifetime;
        Assert.Equal(FormCheckOutcome.Accepted, guard.Check("contact", Post((FormGuard.TokenField, form.Token))).Outcome);
        _clock.Now += TimeSpan.FromMinutes(20);
        Assert.Equal(FormCheckOutcome.Expired, guard.Check("contact", Post((FormGuard.TokenField, form.Token))).Outcome);
    }
}
