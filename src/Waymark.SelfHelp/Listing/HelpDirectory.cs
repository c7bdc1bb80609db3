using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.SelfHelp.Content;

namespace Waymark.SelfHelp.Listing;

public enum VerificationStatus
{
    /// <summary>Someone checked the entry against its live source within <see cref="HelpDirectory.FreshFor"/>.</summary>
    Recent,

    /// <summary>The last check against the live source is older than <see cref="HelpDirectory.FreshFor"/>.</summary>
    Stale,

    /// <summary>Never checked live; its details were taken from the organisation's published information (a desk check) within <see cref="HelpDirectory.FreshFor"/>.</summary>
    DeskChecked,

    /// <summary>Never checked live; the desk check is older than <see cref="HelpDirectory.FreshFor"/>.</summary>
    DeskCheckStale,

    NeverVerified,
}

/// <summary>
/// One way to reach a service: its kind (web, onion, phone, email, chat), the address as typed (a URL for web, onion and
/// chat; a number; an e-mail address) and, when known, its <see cref="OpeningHours"/>.
/// </summary>
public sealed record Channel(string Kind, string Address, OpeningHours? Hours = null);

/// <summary>When and how the details were taken from the organisation's published information, without a live check.</summary>
public sealed record DeskCheck(DateOnly Date, string How);

/// <summary>One audience section of the directory page: <see cref="HelpDirectory.ReportGroup"/> or an audience id.</summary>
public sealed record DirectoryGroup(string Id, IReadOnlyList<DirectoryEntry> Entries);

public sealed record DirectoryEntry(
    string Id,
    string Organisation,
    string Country,
    string Type,
    IReadOnlyList<string> Audience,
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<string> Languages,
    bool? Anonymous,
    string Tor,
    string Source,
    DateOnly? Verified,
    string Notes,
    DeskCheck? Checked = null,
    IReadOnlyDictionary<string, string>? NotesIn = null)
{
    public bool IsGlobal => Country == HelpDirectory.Global;

    public bool IsReporting => Type == "reporting-hotline";

    public bool Serves(string language) => Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    /// <summary>The note in <paramref name="language"/> when <c>notes/{language}.txt</c> has one, else null (the page shows the English note, marked as English).</summary>
    public string? NoteIn(string language) =>
        NotesIn is not null && NotesIn.TryGetValue(language.ToLowerInvariant(), out var note) && note.Length > 0 ? note : null;
}

/// <summary>
/// Where to get help and where to report (<c>content/directory/directory.yaml</c>): entries by country
/// (ISO 3166-1 alpha-2, or <c>global</c>) with their channels and how they were checked, and each entry's note
/// from <c>content/directory/notes/{lang}.txt</c> (<c>id = note</c>; English in <c>en.txt</c>, the source of the
/// translations). An entry is "not verified recently" when its last check is older than <see cref="FreshFor"/> on
/// the injected clock.
/// </summary>
public sealed partial class HelpDirectory(IReadOnlyList<DirectoryEntry> entries)
{
    public const string Global = "global";

    public static readonly TimeSpan FreshFor = TimeSpan.FromDays(180);

    private static readonly string[] Types = ["helpline", "self-help", "reporting-hotline", "therapy"];
    private static readonly string[] ChannelKinds = ["web", "onion", "phone", "email", "chat"];
    private static readonly string[] TorValues = ["yes", "no", "unknown"];

    /// <summary>The group of reporting routes (every <c>reporting-hotline</c>, whatever its audience).</summary>
    public const string ReportGroup = "report";

    /// <summary>Help before reporting: the audience groups in the order a help-seeker meets them.</summary>
    public static readonly IReadOnlyList<string> HelpGroups = ["worried-about-own-thoughts", "young-people", "parents", "public"];

    private static readonly string[] Audiences = ["public", "parents", "worried-about-own-thoughts", "young-people"];

    private const string YoungPeople = "young-people";

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

    /// <summary>
    /// The entries for a country (global ones always included) and optionally a language, in audience groups:
    /// help first (people worried about their own thoughts, young people, parents, anyone), then reporting routes;
    /// with <paramref name="reportingFirst"/> the reporting routes come first. A reporting hotline is always in the
    /// reporting group; any other entry in the first help group its audience names. Within a group, the entries that
    /// serve <paramref name="pageLanguage"/> come first, then international ones, then the rest; then by country and name.
    /// </summary>
    public IReadOnlyList<DirectoryGroup> Arrange(string? country, string? language, string pageLanguage, bool reportingFirst)
    {
        ArgumentNullException.ThrowIfNull(pageLanguage);
        List<string> order = reportingFirst ? [ReportGroup, .. HelpGroups] : [.. HelpGroups, ReportGroup];
        var chosen = Entries
            .Where(entry => string.IsNullOrEmpty(country) || entry.IsGlobal || entry.Country == country)
            .Where(entry => string.IsNullOrEmpty(language) || entry.Serves(language))
            .ToList();
        return order
            .Select(group => new DirectoryGroup(group, chosen
                .Where(entry => GroupOf(entry) == group)
                .OrderBy(entry => entry.Serves(pageLanguage) ? 0 : entry.IsGlobal ? 1 : 2)
                .ThenBy(entry => entry.IsGlobal ? 0 : 1)
                .ThenBy(entry => entry.Country, StringComparer.Ordinal)
                .ThenBy(entry => entry.Organisation, StringComparer.Ordinal)
                .ToList()))
            .Where(group => group.Entries.Count > 0)
            .ToList();
    }

    /// <summary>Id of the crisis page's one group (<see cref="CrisisLines"/>).</summary>
    public const string CrisisGroup = "crisis";

    /// <summary>
    /// The crisis page's lines for a reader of <paramref name="pageLanguage"/>: every helpline that works in that
    /// language, then the international helplines (the country's own, then by name); reporting routes, self-help
    /// programmes and therapy services are not crisis lines. With a <paramref name="country"/> the visitor chose (never
    /// looked up), that country's helplines come first, in whatever language they work (those in the reader's first).
    /// Within each of these, lines for adults come before lines that also serve children and young people: the person
    /// reading the crisis page is an adult, and a children's line listed first reads as if there were nothing for them.
    /// </summary>
    public DirectoryGroup CrisisLines(string pageLanguage, string? country = null)
    {
        var chosen = string.IsNullOrEmpty(country) || country == Global ? null : country;
        return new(CrisisGroup, Entries
            .Where(entry => entry.Type == "helpline" && (entry.Serves(pageLanguage) || entry.IsGlobal || entry.Country == chosen))
            .OrderBy(entry => entry.Country == chosen ? 0 : 1)
            .ThenBy(entry => entry.Serves(pageLanguage) ? 0 : 1)
            .ThenBy(entry => entry.IsGlobal ? 1 : 0)
            .ThenBy(entry => entry.Audience.Contains(YoungPeople, StringComparer.Ordinal) ? 1 : 0)
            .ThenBy(entry => entry.Country, StringComparer.Ordinal)
            .ThenBy(entry => entry.Organisation, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>The countries with a helpline of their own (the crisis page's country choice), in code order.</summary>
    public IReadOnlyList<string> CrisisCountries() =>
        [.. Entries.Where(entry => entry.Type == "helpline" && !entry.IsGlobal).Select(entry => entry.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The service the warning's helpline link sends a visitor who chose <paramref name="country"/> (the visitor's own
    /// choice: the site never looks a country up): a helpline, self-help programme or therapy service in that country
    /// for people worried about their own thoughts, with a web address, preferring one that works in
    /// <paramref name="language"/>; null when the directory knows none (the link then follows the language alone).
    /// </summary>
    public DirectoryEntry? HelplineIn(string? country, string language) =>
        string.IsNullOrEmpty(country) || country == Global
            ? null
            : HelplineCandidates()
                .Where(entry => entry.Country == country)
                .OrderBy(entry => entry.Serves(language) ? 0 : 1)
                .ThenBy(entry => entry.Organisation, StringComparer.Ordinal)
                .FirstOrDefault();

    /// <summary>The web address of an entry (the first <c>web</c> channel), or null.</summary>
    public static string? WebAddressOf(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Channels.FirstOrDefault(channel => channel.Kind == "web")?.Address;
    }

    /// <summary>The countries a visitor can choose for the warning's helpline (<see cref="HelplineIn"/> finds a service), in code order.</summary>
    public IReadOnlyList<string> HelplineCountries() =>
        [.. HelplineCandidates().Select(entry => entry.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private IEnumerable<DirectoryEntry> HelplineCandidates() =>
        Entries.Where(entry => !entry.IsReporting && !entry.IsGlobal
            && entry.Audience.Contains("worried-about-own-thoughts", StringComparer.Ordinal)
            && WebAddressOf(entry) is not null);

    /// <summary>The group an entry is listed in: <see cref="ReportGroup"/> for reporting hotlines, else its first audience in <see cref="HelpGroups"/> order.</summary>
    public static string GroupOf(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.IsReporting ? ReportGroup : HelpGroups.FirstOrDefault(group => entry.Audience.Contains(group, StringComparer.Ordinal)) ?? "public";
    }

    public static VerificationStatus StatusOf(DirectoryEntry entry, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        bool Fresh(DateOnly date) => today.DayNumber - date.DayNumber <= FreshFor.TotalDays;
        if (entry.Verified is { } verified)
        {
            return Fresh(verified) ? VerificationStatus.Recent : VerificationStatus.Stale;
        }

        if (entry.Checked is { } desk)
        {
            return Fresh(desk.Date) ? VerificationStatus.DeskChecked : VerificationStatus.DeskCheckStale;
        }

        return VerificationStatus.NeverVerified;
    }

    /// <summary>The folder beside <c>directory.yaml</c> that holds the notes, one <c>{lang}.txt</c> a language.</summary>
    public const string NotesFolder = "notes";

    /// <summary>Reads <paramref name="path"/> (<c>directory.yaml</c>) and the notes in <see cref="NotesFolder"/> beside it.</summary>
    public static HelpDirectory Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ContentException(path, "is missing.");
        }

        var file = FrontMatter.Deserialize<DirectoryFile>(path, File.ReadAllText(path));
        var notesFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, NotesFolder);
        var notes = ReadNotes(notesFolder);
        var english = notes.GetValueOrDefault("en") ?? [];
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
            var channels = new List<Channel>();
            foreach (var channel in entry.Channels)
            {
                // An address is shown as it is written, in every language: words around it would be English inside
                // a page in another language, so a web, onion or chat address is the address alone.
                Require(path, channel.Kind is not ("web" or "onion" or "chat") || IsUrl(channel.Address) || channel.Kind == "chat" && MessengerPattern().IsMatch(channel.Address),
                    $"{where}: a {channel.Kind} channel's address is its URL (https://…){(channel.Kind == "chat" ? " or a messenger and its number or handle (WhatsApp +34 900 116 117)" : "")}, not a description: '{channel.Address}'.");
                OpeningHours? hours = null;
                if (channel.Hours.Length > 0)
                {
                    var parsed = OpeningHours.Parse(channel.Hours);
                    Require(path, parsed.IsSuccess, $"{where}: {parsed.Error}.");
                    hours = parsed.Value;
                }

                channels.Add(new Channel(channel.Kind, channel.Address, hours));
            }

            Require(path, entry.Languages.Count > 0, $"{where}: needs its languages.");
            Require(path, entry.Audience.Count > 0 && entry.Audience.All(audience => Audiences.Contains(audience, StringComparer.Ordinal)), $"{where}: audience is one or more of {string.Join(", ", Audiences)}.");
            Require(path, entry.Source.StartsWith("https://", StringComparison.Ordinal), $"{where}: needs a source URL (https://) that says where the details come from.");
            DateOnly? verified = null;
            if (!string.IsNullOrEmpty(entry.Verified))
            {
                Require(path, DateOnly.TryParseExact(entry.Verified, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), $"{where}: verified is a date yyyy-mm-dd or empty.");
                verified = DateOnly.ParseExact(entry.Verified, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            DeskCheck? desk = null;
            if (entry.Checked is { } check)
            {
                Require(path, DateOnly.TryParseExact(check.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedOn), $"{where}: checked.date is a date yyyy-mm-dd.");
                Require(path, !string.IsNullOrWhiteSpace(check.How), $"{where}: checked.how says how the details were checked.");
                desk = new DeskCheck(DateOnly.ParseExact(check.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), check.How);
            }

            Require(Path.Combine(notesFolder, "en.txt"), english.ContainsKey(entry.Id), $"has no note for entry '{entry.Id}': add a line '{entry.Id} = one or two sentences about the service'.");
            entries.Add(new DirectoryEntry(
                entry.Id, entry.Organisation, entry.Country, entry.Type, entry.Audience,
                channels,
                entry.Languages, entry.Anonymous, entry.Tor, entry.Source, verified, english[entry.Id], desk,
                notes.Where(pair => pair.Key != "en" && pair.Value.ContainsKey(entry.Id))
                    .ToDictionary(pair => pair.Key, pair => pair.Value[entry.Id], StringComparer.Ordinal)));
        }

        Require(path, entries.Count > 0, "holds no entries.");
        foreach (var (language, byId) in notes)
        {
            var unknown = byId.Keys.FirstOrDefault(id => !ids.Contains(id));
            Require(Path.Combine(notesFolder, language + ".txt"), unknown is null, $"has a note for '{unknown}', which directory.yaml has no entry for.");
        }

        return new HelpDirectory(entries);
    }

    /// <summary>
    /// The notes of every <c>{lang}.txt</c> in <paramref name="folder"/> by lower-case language code, then by entry id:
    /// one <c>id = note</c> a line, <c>#</c> lines and blank lines skipped; an id twice or an empty note is refused.
    /// </summary>
    public static Dictionary<string, Dictionary<string, string>> ReadNotes(string folder)
    {
        var notes = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal).ToList() : [])
        {
            var byId = new Dictionary<string, string>(StringComparer.Ordinal);
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var where = $"line {number.ToString(CultureInfo.InvariantCulture)}";
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                Require(file, equals > 0 && line[(equals + 1)..].Trim().Length > 0, $"{where} is not 'id = note'.");
                Require(file, byId.TryAdd(line[..equals].Trim(), line[(equals + 1)..].Trim()), $"{where} repeats the note for '{line[..equals].Trim()}'.");
            }

            Require(file, notes.TryAdd(Path.GetFileNameWithoutExtension(file).ToLowerInvariant(), byId), "names a language that another file in the folder names too (file names are read in lower case): keep one.");
        }

        return notes;
    }

    private static bool IsUrl(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !address.Contains(' ', StringComparison.Ordinal);

    [GeneratedRegex(@"^(WhatsApp|Telegram|Signal|Viber) (\+?[0-9 ]{3,20}|@[A-Za-z0-9_]{3,32})$", RegexOptions.CultureInvariant)]
    private static partial Regex MessengerPattern();

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
public sealed class DirectoryFile
{
    public List<DirectoryEntryFile> Entries { get; set; } = [];
}

public sealed class DirectoryEntryFile
{
    public string Id { get; set; } = "";

    public string Organisation { get; set; } = "";

    public string Country { get; set; } = "";

    public string Type { get; set; } = "";

    public List<string> Audience { get; set; } = [];

    public List<ChannelFile> Channels { get; set; } = [];

    public List<string> Languages { get; set; } = [];

    /// <summary>true or false where the source says; left out when it does not (the page then says nothing about it).</summary>
    public bool? Anonymous { get; set; }

    public string Tor { get; set; } = "unknown";

    public string Source { get; set; } = "";

    public string Verified { get; set; } = "";

    public DeskCheckFile? Checked { get; set; }
}

public sealed class DeskCheckFile
{
    public string Date { get; set; } = "";

    public string How { get; set; } = "";
}

public sealed class ChannelFile
{
    public string Kind { get; set; } = "";

    public string Address { get; set; } = "";

    public string Hours { get; set; } = "";
}
#pragma warning restore CA1812, CA2227, CA1002
