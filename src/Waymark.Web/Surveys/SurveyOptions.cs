namespace Waymark.Web.Surveys;

/// <summary>How precisely a response's date is kept: the UTC day, or nothing at all.</summary>
public enum ResponseDatePrecision
{
    Day,
    None,
}

/// <summary>Settings of the survey flow.</summary>
public sealed record SurveyOptions
{
    /// <summary>Folder of the XLSForms (<c>*.xlsx</c>) and their public keys (<c>{form_id}.pub</c>).</summary>
    public string Directory { get; init; } = Path.Combine(AppContext.BaseDirectory, "content", "surveys");

    public ResponseDatePrecision DatePrecision { get; init; } = ResponseDatePrecision.Day;

    /// <summary>
    /// Form ids of the surveys folder served UNSEALED by the operator's explicit choice (logged as a
    /// warning at every start). Every other folder form without its own <c>{form_id}.pub</c> is sealed
    /// with the data folder's research key (<see cref="DefaultResearchKey"/>).
    /// </summary>
    public IReadOnlySet<string> UnsealedForms { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How often a node checks whether an instrument was published or closed (on any node).</summary>
    public TimeSpan CatalogPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The date stored with a response completed at <paramref name="now"/>: the UTC day at most.</summary>
    public DateOnly? DayOf(DateTimeOffset now) =>
        DatePrecision == ResponseDatePrecision.Day ? DateOnly.FromDateTime(now.UtcDateTime) : null;
}
