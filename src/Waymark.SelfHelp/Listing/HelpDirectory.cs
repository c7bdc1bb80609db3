using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.SelfHelp.Content;

namespace Waymark.SelfHelp.Listing;

internal enum VerificationStatus
{
    Recent,
    Stale,
    NeverVerified,
}

internal sealed record Channel(string Kind, string Address, string Hours);

internal sealed record DirectoryEntry(
    string Id,
    string Organisation,
    string Country,
    string Type,
    IReadOnlyList<string> Audience,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<string> Languages,
    bool Anonymous,
    string Tor,
    string Source,
    DateOnly? Verified,
    string Notes)
{
    public bool IsGlobal => Country == HelpDirectory.Global;
}

/// <summary>
/// Where to get help and where to report (<c>content/directory/directory.yaml</c>): entries by country
/// (ISO 3166-1 alpha-2, or <c>global</c>) with their channels and how they were checked. An entry is
/// "not verified recently" when its last check is older than <see cref="FreshFor"/> on the injected clock.
/// </summary>
internal sealed partial class HelpDirectory(IReadOnlyList<DirectoryEntry> entries)
{
    internal const string Global = "global";

    internal static readonly TimeSpan FreshFor = TimeSpan.FromDays(180);

    private static readonly string[] Types = ["helpline", "self-help", "reporting-hotline", "therapy"];
    private static readonly string[] ChannelKinds = ["web", "onion", "phone", "email", "chat"];
    private static readonly string[] TorValues = ["yes", "no", "unknown"];

    public IReadOnlyList<DirectoryEntry> Entries { get; } = entries;

    /// <summary>Every country that has an entry, <c>global</c> first.</summary>
    public IReadOnlyList<string> Countries =>
        Entries.Select(entry => entry.Country).Distinct(StringComparer.Ordinal)
            .OrderBy(country => country == Global ? 0 : 1).ThenBy(country => country, StringComparer.Ordinal).ToList();

    /// <summary>Every language an entry serves, sorted.</summary>
    public IReadOnlyList<string> LanguagesServed =>
        Entries.SelectMany(entry => entry.Languages).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Entries for a country (global ones always included) and optionally a language, grouped by country.</summary>
    public IReadOnlyList<IGrouping<string, DirectoryEntry>> Select(string? country, string? language) =>
        Entries
            .Where(entry => string.IsNullOrEmpty(country) || entry.IsGlobal || entry.Country == country)
            .Where(entry => string.IsNullOrEmpty(language) || entry.Languages.Contains(language, StringComparer.Ordinal))
            .OrderBy(entry => entry.IsGlobal ? 0 : 1).ThenBy(entry => entry.Country, StringComparer.Ordinal)
            .ThenBy(entry => entry.Organisation, StringComparer.Ordinal)
            .GroupBy(entry => entry.Country, StringComparer.Ordinal)
            .ToList();

    public static VerificationStatus StatusOf(DirectoryEntry entry, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(clock);
        if (entry.Verified is not { } verified)
        {
            return VerificationStatus.NeverVerified;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return today.DayNumber - verified.DayNumber > FreshFor.TotalDays ? VerificationStatus.Stale : VerificationStatus.Recent;
    }

    public static HelpDirectory Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ContentException(path, "is missing.");
        }

        var file = FrontMatter.Deserialize<DirectoryFile>(path, File.ReadAllText(path));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<DirectoryEntry>();
        foreach (var entry in file.Entries)
        {
            var where = $"entry '{entry.Id}'";
            Require(path, IdPattern().IsMatch(entry.Id) && ids.Add(entry.Id), $"{where}: ids are unique lowercase words with hyphens.");
            Require(path, !string.IsNullOrWhiteSpace(entry.Organisation), $"{where}: needs an organisation.");
            Require(path, entry.Country == Global || CountryPattern().IsMatch(entry.Country), $"{where}: country is 'global' or a two-letter ISO code in capitals.");
            Require(path, Types.Contains(entry.Type, StringComparer.Ordinal), $"{where}: type is one of {string.Join(", ", Types)}.");
            Require(path, TorValues.Contains(entry.Tor, StringComparer.Ordinal), $"{where}: tor is yes, no or unknown.");
            Require(path, entry.Channels.Count > 0, $"{where}: needs at least one channel.");
            Require(path, entry.Channels.All(channel => ChannelKinds.Contains(channel.Kind, StringComparer.Ordinal) && !string.IsNullOrWhiteSpace(channel.Address)), $"{where}: each channel has a kind ({string.Join(", ", ChannelKinds)}) and an address.");
            Require(path, entry.Languages.Count > 0, $"{where}: needs its languages.");
            Require(path, entry.Source.StartsWith("https://", StringComparison.Ordinal), $"{where}: needs a source URL (https://) that says where the details come from.");
            DateOnly? verified = null;
            if (!string.IsNullOrEmpty(entry.Verified))
            {
                Require(path, DateOnly.TryParseExact(entry.Verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), $"{where}: verified is a date yyyy-mm-dd or empty.");
                verified = DateOnly.ParseExact(entry.Verified, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            entries.Add(new DirectoryEntry(
                entry.Id, entry.Organisation, entry.Country, entry.Type, entry.Audience,
                entry.Channels.Select(channel => new Channel(channel.Kind, channel.Address, channel.Hours)).ToList(),
                entry.Languages, entry.Anonymous, entry.Tor, entry.Source, verified, entry.Notes));
        }

        Require(path, entries.Count > 0, "holds no entries.");
        return new HelpDirectory(entries);
    }

    private static void Require(string path, bool condition, string problem)
    {
        if (!condition)
        {
            throw new ContentException(path, problem);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,47}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}

#pragma warning disable CA1812, CA2227, CA1002 // Instantiated by YamlDotNet.
internal sealed class DirectoryFile
{
    public List<DirectoryEntryFile> Entries { get; set; } = [];
}

internal sealed class DirectoryEntryFile
{
    public string Id { get; set; } = "";

    public string Organisation { get; set; } = "";

    public string Country { get; set; } = "";

    public string Type { get; set; } = "";

    public List<string> Audience { get; set; } = [];

    public List<ChannelFile> Channels { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    public bool Anonymous { get; set; }

    public string Tor { get; set; } = "unknown";

    public string Source { get; set; } = "";

    public string Verified { get; set; } = "";

    public string Notes { get; set; } = "";
}

internal sealed class ChannelFile
{
    public string Kind { get; set; } = "";

    public string Address { get; set; } = "";

    public string Hours { get; set; } = "";
}
#pragma warning restore CA1812, CA2227, CA1002
