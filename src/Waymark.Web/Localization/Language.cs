using System.Globalization;

namespace Waymark.Web.Localization;

/// <summary>A language the UI is offered in: URL code, .NET culture, native name and direction.</summary>
public sealed record Language(string Code, string CultureName, string NativeName, bool RightToLeft)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(CultureName);

    /// <summary>The value of the HTML <c>dir</c> attribute.</summary>
    public string Direction => RightToLeft ? "rtl" : "ltr";
}
