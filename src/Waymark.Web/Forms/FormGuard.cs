using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Primitives;

namespace Waymark.Web.Forms;

/// <summary>
/// Cheap defences for public forms against bots, without JavaScript, cookies or any record of the
/// visitor: each rendered form gets a signed token (hidden field) from which its field names are
/// derived, so names change with every rendering and a bot cannot post a stored form blindly; and a
/// honeypot field that people never see and bots fill in. Tokens expire after <see cref="Lifetime"/>.
/// Usage in docs/development.md ("Guarding a public form").
/// </summary>
internal sealed class FormGuard(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The hidden field holding the token.</summary>
    public const string TokenField = "wm-form";

    /// <summary>How long a rendered form may be submitted (a slow reader over Tor included).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(3);

    /// <summary>The issue time is kept to this granularity only: the token is no precise timestamp.</summary>
    private static readonly TimeSpan Granularity = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _protector = protection.CreateProtector("Waymark.Forms.FormGuard.v1");

    /// <summary>A fresh token and field names for one rendering of the form <paramref name="formName"/>.</summary>
    public GuardedForm Issue(string formName)
    {
        ArgumentException.ThrowIfNullOrEmpty(formName);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var window = time.GetUtcNow().ToUnixTimeSeconds() / (long)Granularity.TotalSeconds;
        var token = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{formName}|{window}|{Convert.ToHexString(nonce)}"));
        return new GuardedForm(formName, token, nonce);
    }

    /// <summary>Checks a submission: the token must be ours, for this form, not expired, and the honeypot empty.</summary>
    public FormCheck Check(string formName, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var token = form[TokenField].ToString();
        string payload;
        try
        {
            payload = token.Length is > 0 and < 2048 ? _protector.Unprotect(token) : "";
        }
        catch (CryptographicException)
        {
            payload = "";
        }

        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != formName
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var window))
        {
            return new FormCheck(FormCheckOutcome.Invalid, null, form);
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(window * (long)Granularity.TotalSeconds);
        var guarded = new GuardedForm(formName, token, Convert.FromHexString(parts[2]));
        var logical = guarded.Translate(form);
        if (logical is null)
        {
            // A field name this rendering never had: a stored form posted with another token, or a forgery.
            return new FormCheck(FormCheckOutcome.Invalid, null, form);
        }

        if (time.GetUtcNow() - issued > Lifetime + Granularity)
        {
            return new FormCheck(FormCheckOutcome.Expired, guarded, form) { Logical = logical };
        }

        return form[guarded.HoneypotName].ToString().Length > 0
            ? new FormCheck(FormCheckOutcome.Honeypot, guarded, form) { Logical = logical }
            : new FormCheck(FormCheckOutcome.Accepted, guarded, form) { Logical = logical };
    }
}

/// <summary>
/// One rendering of a guarded form: its token and the field names derived from it. A rendered name
/// is <c>f</c> + 12 hex digits of an HMAC (keyed by this rendering's nonce) + <c>-</c> + the logical
/// name: it changes with every rendering, and the server maps it back without a list of fields.
/// </summary>
internal sealed class GuardedForm(string formName, string token, byte[] nonce)
{
    /// <summary>Names posted alongside the guarded fields that are not rotated (the anti-forgery token).</summary>
    private static readonly string[] Unrotated = [FormGuard.TokenField, "__RequestVerificationToken"];

    /// <summary>What the honeypot's name ends with: a field a form-filling bot is glad to fill.</summary>
    public const string HoneypotBait = "contact_email";

    private const int TagLength = 12;

    public string Token => token;

    /// <summary>The name to give the input for the logical field <paramref name="field"/> in this rendering.</summary>
    public string Name(string field) => "f" + Tag(field) + "-" + field;

    public string HoneypotName => "f" + Tag("\u0001honeypot") + "-" + HoneypotBait;

    /// <summary>The logical name behind a rendered one, or null when this rendering never had it.</summary>
    public string? LogicalName(string rendered)
    {
        if (rendered.Length <= TagLength + 2 || rendered[0] != 'f' || rendered[TagLength + 1] != '-')
        {
            return null;
        }

        var field = rendered[(TagLength + 2)..];
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(rendered[1..(TagLength + 1)]), Encoding.ASCII.GetBytes(Tag(field))) ? field : null;
    }

    /// <summary>
    /// The submission under its logical names, or null when any field name is foreign to this
    /// rendering. The token and honeypot are left out.
    /// </summary>
    internal FormCollection? Translate(IFormCollection form)
    {
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (Unrotated.Contains(name, StringComparer.Ordinal))
            {
                if (name != FormGuard.TokenField)
                {
                    fields[name] = values;
                }

                continue;
            }

            if (name == HoneypotName)
            {
                continue;
            }

            if (LogicalName(name) is not { } field)
            {
                return null;
            }

            fields[field] = values;
        }

        return new FormCollection(fields);
    }

    private string Tag(string field) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(nonce, Encoding.UTF8.GetBytes(formName + "\n" + field)))[..TagLength];

    /// <summary>The hidden token: put first inside the &lt;form&gt;.</summary>
    public IHtmlContent TokenField() =>
        new HtmlString($"<input type=\"hidden\" name=\"{FormGuard.TokenField}\" value=\"{WebUtility.HtmlEncode(token)}\">");

    /// <summary>
    /// The honeypot: put last inside the &lt;form&gt;, after the buttons. An empty field named like an e-mail
    /// field, so a robot that fills in the fields it finds by their names fills it in; a person never can.
    /// It is <c>type="hidden"</c>: the one kind of field that every browser leaves out, text browsers
    /// included (w3m and lynx ignore CSS and the <c>hidden</c> attribute and would show any other field as an
    /// empty box), and that is never in the accessibility tree. A hidden field is submitted like any other.
    /// </summary>
    public IHtmlContent HoneypotField() =>
        new HtmlString($"<input type=\"hidden\" name=\"{HoneypotName}\" value=\"\">");
}

internal enum FormCheckOutcome
{
    /// <summary>A person, as far as these checks can tell.</summary>
    Accepted,

    /// <summary>The hidden field was filled in: a bot. Record it as a quality flag; do not tell the sender.</summary>
    Honeypot,

    /// <summary>The form was rendered too long ago: show it again.</summary>
    Expired,

    /// <summary>No token, a forged one, or one for another form.</summary>
    Invalid,
}

/// <summary>
/// The result of <see cref="FormGuard.Check"/>; <see cref="Value"/> reads a field by its logical name,
/// <see cref="Logical"/> is the whole submission under logical names (null when the names were foreign).
/// </summary>
internal sealed record FormCheck(FormCheckOutcome Outcome, GuardedForm? Form, IFormCollection Submitted)
{
    public FormCollection? Logical { get; init; }

    public string? Value(string field) =>
        Form is null ? null : Submitted[Form.Name(field)].ToString() is { Length: > 0 } value ? value : null;
}
