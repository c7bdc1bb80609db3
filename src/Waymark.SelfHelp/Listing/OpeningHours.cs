using System.Text.RegularExpressions;

namespace Waymark.SelfHelp.Listing;

/// <summary>Which days a channel is open: around the clock, every day, or Monday to Friday.</summary>
public enum OpeningDays
{
    AroundTheClock,
    EveryDay,
    Weekdays,
}

/// <summary>
/// When a channel of a directory entry answers, as data rather than English prose, so that every page says it in its
/// own language: the days (<see cref="OpeningDays"/>) and, except around the clock, the times as written in the
/// directory (<c>16:00–21:00</c>, optionally with the time zone: <c>08:00–23:00 CET</c>), which read the same in
/// every language.
/// </summary>
public sealed partial record OpeningHours(OpeningDays Days, string? Times)
{
    /// <summary>The forms <c>directory.yaml</c> accepts in a channel's <c>hours</c>.</summary>
    public const string Forms = "'24 hours', 'every day HH:MM–HH:MM' or 'weekdays HH:MM–HH:MM', each range optionally followed by a time zone such as CET";

    /// <summary>Reads a channel's <c>hours</c>: one of <see cref="Forms"/>; anything else is a problem that names them.</summary>
    public static Result<OpeningHours> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "24 hours")
        {
            return Result.Ok(new OpeningHours(OpeningDays.AroundTheClock, null));
        }

        var match = Pattern().Match(text);
        if (!match.Success || !ValidTime(match.Groups["from"].Value) || !ValidTime(match.Groups["to"].Value))
        {
            return Result.Fail<OpeningHours>($"hours '{text}' is not one of {Forms}");
        }

        var days = match.Groups["days"].Value == "weekdays" ? OpeningDays.Weekdays : OpeningDays.EveryDay;
        return Result.Ok(new OpeningHours(days, text[(match.Groups["days"].Length + 1)..]));
    }

    private static bool ValidTime(string time) =>
        int.Parse(time.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 24
        && int.Parse(time.AsSpan(3, 2), System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 59;

    [GeneratedRegex(@"^(?<days>every day|weekdays) (?<from>\d{2}:\d{2})–(?<to>\d{2}:\d{2})( [A-Z]{2,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
