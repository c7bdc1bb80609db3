using Waymark.Screening.Messages;

namespace Waymark.Screening;

/// <summary>Where a <see cref="Screener"/> finds its terms and messages, and how it rotates variants.</summary>
public sealed record ScreenerOptions
{
    /// <summary>The shipped content folder (terms, messages) next to the program.</summary>
    public static string DefaultContentDirectory => Path.Combine(AppContext.BaseDirectory, "content", "screening");

    /// <summary>A term list (Waymark TSV or Ahmia's <c>.map</c>); null for the shipped default list.</summary>
    public string? TermsPath { get; init; }

    /// <summary>The folder with <c>variants.tsv</c>, <c>links.tsv</c> and <c>messages/</c>.</summary>
    public string ContentDirectory { get; init; } = DefaultContentDirectory;

    public RotationMode Rotation { get; init; } = RotationMode.Daily;

    public int Seed { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Prefix of the click-through links in results (such as <c>http://example.onion</c>); empty for site-relative links.</summary>
    public string LinkBase { get; init; } = "";

    /// <summary>
    /// Refuse a term list with any line that cannot be read, instead of naming and skipping the line
    /// (the default: a licensed list often holds a pattern Waymark cannot express).
    /// </summary>
    public bool StrictTerms { get; init; }

    public string DefaultTermsPath => Path.Combine(ContentDirectory, "terms", "default.tsv");

    /// <summary>
    /// The report-intent list (term-list format): a query that matches a term and one of these gets the reporting page.
    /// Null for <c>report-intent.tsv</c> in <see cref="ContentDirectory"/>, which may be absent (then every match gets the warning).
    /// </summary>
    public string? ReportIntentPath { get; init; }

    public string DefaultReportIntentPath => Path.Combine(ContentDirectory, "report-intent.tsv");
}
