namespace Waymark.Web.Surveys;

/// <summary>
/// The two research surveys the public site recruits for: "I want help" leads to "Help us to help you",
/// "I don't need help" to "No need for help" (docs/surveys.md). The warning page and the home page offer
/// each one only while it is served.
/// </summary>
internal static class ResearchSurveys
{
    /// <summary>Form id of "Help us to help you".</summary>
    public const string WantHelp = "help-us-help-you";

    /// <summary>Form id of "No need for help".</summary>
    public const string NoNeed = "no-need-for-help";

    /// <summary>The warning's help link (content/screening/links.tsv) that leads to "Help us to help you", counted per variant.</summary>
    public const string WantHelpLink = "survey";

    /// <summary>True when the form is served and open for responses.</summary>
    public static bool IsOpen(this SurveyCatalog catalog, string formId) => catalog.Find(formId) is { Closed: false };
}
