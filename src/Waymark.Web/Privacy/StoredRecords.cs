namespace Waymark.Web.Privacy;

/// <summary>
/// Every kind of record the public site keeps, by table, with the privacy page's text for it (what it
/// holds and for how long), and every other table with why it holds nothing about visitors.
/// <c>PrivacyPageTests</c> compares both lists with the schema of each engine, column by column, so a
/// new table or column cannot reach the database without a decision here and on the privacy page.
/// </summary>
internal static class StoredRecords
{
    /// <summary>A table the public site writes, its columns, and the privacy page's strings that describe it.</summary>
    internal sealed record PublicRecord(string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> TextKeys);

    public static readonly IReadOnlyList<PublicRecord> Public =
    [
        new("counters", ["name", "day", "dimension", "count"], ["Privacy.Stored.Counts", "Privacy.Stored.Screening", "Privacy.Stored.CountsKept"]),
        new("survey_responses", ["id", "instrument", "day", "sealed", "payload", "flags", "language"], ["Privacy.Stored.Responses"]),
        new("survey_drafts", ["id", "instrument", "payload", "expires"], ["Privacy.Stored.Drafts"]),
        new("selfhelp_vaults", ["lookup", "ciphertext"], ["Privacy.Stored.Vaults"]),
    ];

    /// <summary>Tables that hold nothing about the site's visitors, and what they hold instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotAboutVisitors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "which database migrations have run",
        ["protection_keys"] = "the server's keys that sign form tokens and console sessions, encrypted",
        ["users"] = "staff accounts of the console",
        ["user_roles"] = "the roles of staff accounts",
        ["console_sessions"] = "signed-in sessions of staff accounts (a hash of the session id, sign-in and last-seen times)",
        ["audit_log"] = "staff actions in the console (no respondent data)",
        ["instruments"] = "survey forms uploaded by editors",
        ["instrument_catalog"] = "the version of the published survey list, for other nodes",
        ["screening_term_lists"] = "search-screening term lists uploaded by editors",
        ["screening_term_state"] = "the version of the active term lists, for other nodes",
        ["response_marks"] = "responses an analyst set aside as test or junk (the response id and the mark; nothing about the respondent)",
    };
}
