using System.Globalization;
using Microsoft.AspNetCore.Html;
using Waymark.Statistics.Rendering;

namespace Waymark.Web.Analysis;

/// <summary>
/// Figures on the analysis pages: rounded for reading as in <c>waymark report</c>, each inside a
/// <c>&lt;data&gt;</c> element whose value attribute carries every digit (round-trip format), so a
/// reader or a test can take the exact figure from the page.
/// </summary>
internal static class Figures
{
    public static IHtmlContent Fixed(double value, string? id = null) => Data(value, NumberFormat.Fixed(value), id);

    public static IHtmlContent P(double value, string? id = null) => Data(value, NumberFormat.P(value), id);

    public static IHtmlContent Count(double value) => Data(value, NumberFormat.Count(value), null);

    public static string Percent(double value) => NumberFormat.Percent(value);

    /// <summary>A count of a console table, or "&lt;5" when it is hidden as a small cell (<see cref="SmallCells"/>).</summary>
    public static IHtmlContent Cell(double value, bool hidden) =>
        hidden ? new HtmlString("<span class=\"suppressed\">&lt;5</span>") : Count(value);

    /// <summary>A figure that would give a hidden count back (a residual), or a dash.</summary>
    public static IHtmlContent Hideable(double value, bool hidden) => hidden ? new HtmlString("–") : Fixed(value);

    /// <summary>A percent of a console table, or a dash when its count is hidden.</summary>
    public static string Percent(double value, bool hidden) => hidden ? "–" : Percent(value);

    private static HtmlString Data(double value, string shown, string? id) =>
        new($"<data{(id is null ? "" : $" id=\"{id}\"")} value=\"{value.ToString("R", CultureInfo.InvariantCulture)}\">{System.Net.WebUtility.HtmlEncode(shown)}</data>");
}
