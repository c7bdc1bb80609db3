namespace Waymark.Surveys;

/// <summary>XLSForm names are XML element names: a letter or underscore, then letters, digits, '-', '.', '_'.</summary>
internal static class Names
{
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
