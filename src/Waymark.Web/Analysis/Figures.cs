using System.Globalization;
using Microsoft.AspNetCore.Html;
using Waymark.Statistics.Reporting;

namespace Waymark.Web.Analysis;

/// <summary>
/// Figures on the analysis pages: rounded for reading as in <c>waymark report</c>, each inside a
/// <c>&lt;data&gt;</c> element whose value attribute carries every digit (round-trip format), so a
/// reader or a test can take the exact figure from the page.
/// </summary>
internal static class Figures
{
    public static IHtmlContent Fixed(double value, string? id = null) => Data(value, HtmlReport.Fixed(value), id);

    public static IHtmlContent P(double value, string? id = null) => Data(value, HtmlReport.P(value), id);

    public static IHtmlContent Count(double value) => Data(value, SvgChart.Count(value), null);

    public static string Percent(double value) => SvgChart.Percent(value);

    private static HtmlString Data(double value, string shown, string? id) =>
        new($"<data{(id is null ? "" : $" id=\"{id}\"")} value=\"{value.ToString("R", CultureInfo.InvariantCulture)}\">{System.Net.WebUtility.HtmlEncode(shown)}</data>");
}
