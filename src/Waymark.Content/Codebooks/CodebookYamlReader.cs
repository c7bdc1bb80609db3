using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Waymark.Content.Codebooks;

/// <summary>
/// Reads the YAML codebook from YamlDotNet's parsing events into <see cref="CodebookDocument"/>. It replaces
/// YamlDotNet's reflection-based deserialiser, which cost about a tenth of a second of start-up (hundreds of
/// methods jitted) on every <c>waymark code</c> run. Same YAML (block and flow style, quoting, folding,
/// anchors and aliases) and the same null and boolean rules as that deserialiser; errors name the key and
/// where it is. Unknown and repeated keys are errors, so a typo never silently drops patterns.
/// </summary>
internal sealed class CodebookYamlReader
{
    // Aliases can repeat big nodes many times over; past this many nodes read the codebook is refused.
    private const int MaxNodes = 1_000_000;
    private const string StandardPrefix = "tag:yaml.org,2002:";

    private static readonly string[] CodebookKeys = ["name", "description", "language", "ignore_diacritics", "method", "themes"];
    private static readonly string[] MethodKeys = ["citation", "unit", "documents", "communities", "tool", "gaps"];
    private static readonly string[] ThemeKeys = ["name", "description", "color", "codes"];
    private static readonly string[] CodeKeys = ["name", "description", "color", "patterns", "reference", "examples", "citation"];

    private readonly IReadOnlyList<ParsingEvent> _events;
    private readonly YamlException? _error;

    // For a mapping or sequence start, the index of its end event once read; for any other event, its own index.
    private readonly List<int> _ends = [];

    // Alias event index → index of the node it names.
    private readonly Dictionary<int, int> _aliases = [];
    private readonly Dictionary<string, int> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<int> _open = new();
    private int _nodes;

    // Events are taken only as far as they are needed, as YamlDotNet's deserialiser pulled them from its parser:
    // a codebook error early in the file is reported even when the YAML is broken further on.
    private CodebookYamlReader(string yaml) => (_events, _error) = YamlEvents.Parse(yaml);

    /// <summary>The codebook document, or null when the YAML holds no document or only a null.</summary>
    /// <exception cref="YamlException">The YAML is malformed or not a codebook; the message says why and the marks say where.</exception>
    public static CodebookDocument? Read(string yaml) => new CodebookYamlReader(yaml).ReadStream();

    private CodebookDocument? ReadStream()
    {
        // StreamStart, then nothing (StreamEnd) or DocumentStart, the root node, DocumentEnd.
        if (At(1) is StreamEnd)
        {
            return null;
        }

        var root = 2;
        var document = IsNull(root) ? null : ReadCodebook(root);
        var after = Next(root) + 1;
        return At(after) is StreamEnd ? document : throw Error(At(after), "a codebook is one YAML document; remove the second '---'");
    }

    private CodebookDocument ReadCodebook(int at)
    {
        var document = new CodebookDocument();
        ReadMapping(at, "the codebook", CodebookKeys, (key, value) =>
        {
            switch (key)
            {
                case "name":
                    document.Name = ReadText(value, key);
                    break;
                case "description":
                    document.Description = ReadText(value, key);
                    break;
                case "language":
                    document.Language = ReadText(value, key);
                    break;
                case "ignore_diacritics":
                    document.IgnoreDiacritics = ReadBoolean(value, key);
                    break;
                case "method":
                    document.Method = IsNull(value) ? null : ReadMethod(value);
                    break;
                default:
                    document.Themes = ReadList(value, key, item => IsNull(item) ? null : ReadTheme(item));
                    break;
            }
        });
        return document;
    }

    private MethodDocument ReadMethod(int at)
    {
        var method = new MethodDocument();
        ReadMapping(at, "the method", MethodKeys, (key, value) =>
        {
            switch (key)
            {
                case "citation":
                    method.Citation = ReadText(value, key);
                    break;
                case "unit":
                    method.Unit = ReadText(value, key);
                    break;
                case "documents":
                    method.Documents = ReadText(value, key);
                    break;
                case "communities":
                    method.Communities = ReadText(value, key);
                    break;
                case "tool":
                    method.Tool = ReadText(value, key);
                    break;
                default:
                    method.Gaps = ReadList(value, key, item => ReadText(item, "each gap"));
                    break;
            }
        });
        return method;
    }

    private ThemeDocument ReadTheme(int at)
    {
        var theme = new ThemeDocument();
        ReadMapping(at, "a theme", ThemeKeys, (key, value) =>
        {
            switch (key)
            {
                case "name":
                    theme.Name = ReadText(value, key);
                    break;
                case "description":
                    theme.Description = ReadText(value, key);
                    break;
                case "color":
                    theme.Color = ReadText(value, key);
                    break;
                default:
                    theme.Codes = ReadList(value, key, item => IsNull(item) ? null : ReadCode(item));
                    break;
            }
        });
        return theme;
    }

    private CodeDocument ReadCode(int at)
    {
        var code = new CodeDocument();
        ReadMapping(at, "a code", CodeKeys, (key, value) =>
        {
            switch (key)
            {
                case "name":
                    code.Name = ReadText(value, key);
                    break;
                case "description":
                    code.Description = ReadText(value, key);
                    break;
                case "color":
                    code.Color = ReadText(value, key);
                    break;
                case "reference":
                    code.Reference = ReadText(value, key);
                    break;
                case "examples":
                    code.Examples = ReadList(value, key, item => ReadText(item, "each example"));
                    break;
                case "citation":
                    code.Citation = ReadText(value, key);
                    break;
                default:
                    code.Patterns = ReadList(value, key, item => ReadText(item, "each pattern"));
                    break;
            }
        });
        return code;
    }

    /// <summary>Calls <paramref name="read"/> with each key (one of <paramref name="keys"/>, at most once) and the index of its value.</summary>
    private void ReadMapping(int at, string what, string[] keys, Action<string, int> read)
    {
        at = Value(at);
        if (At(at) is not MappingStart)
        {
            throw Error(At(at), $"{what} must be a mapping of keys ({string.Join(", ", keys)}) to values");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var key = at + 1; At(key) is not MappingEnd; key = Next(Next(key)))
        {
            if (At(Resolve(key)) is not Scalar name)
            {
                throw Error(At(key), $"the keys of {what} must be plain words ({string.Join(", ", keys)})");
            }

            if (Array.IndexOf(keys, name.Value) < 0)
            {
                throw Error(At(key), $"unknown key '{name.Value}' in {what}; use {string.Join(", ", keys)}");
            }

            if (!seen.Add(name.Value))
            {
                throw Error(At(key), $"the key '{name.Value}' appears twice in {what}");
            }

            read(name.Value, Next(key));
        }
    }

    /// <summary>A list, or null for a null value; <paramref name="item"/> reads each entry from its index.</summary>
    private List<T?>? ReadList<T>(int at, string key, Func<int, T?> item)
    {
        if (IsNull(at))
        {
            return null;
        }

        at = Value(at);
        if (At(at) is not SequenceStart)
        {
            throw Error(At(at), $"'{key}' must be a list, e.g. [a, b] or lines starting with '- '");
        }

        var list = new List<T?>();
        for (var entry = at + 1; At(entry) is not SequenceEnd; entry = Next(entry))
        {
            list.Add(item(entry));
        }

        return list;
    }

    private string? ReadText(int at, string key)
    {
        if (IsNull(at))
        {
            return null;
        }

        at = Value(at);
        return At(at) is Scalar scalar ? scalar.Value : throw Error(At(at), $"{Quoted(key)} must be text, not a list or mapping");
    }

    /// <summary>YamlDotNet's booleans: true, y, yes, on and false, n, no, off in any case; null is false.</summary>
    private bool ReadBoolean(int at, string key)
    {
        if (IsNull(at))
        {
            return false;
        }

        at = Value(at);
        if (At(at) is Scalar { Tag.IsEmpty: true } scalar)
        {
            if (scalar.Value.ToUpperInvariant() is "TRUE" or "Y" or "YES" or "ON")
            {
                return true;
            }

            if (scalar.Value.ToUpperInvariant() is "FALSE" or "N" or "NO" or "OFF")
            {
                return false;
            }
        }

        throw Error(At(at), $"'{key}' must be true or false");
    }

    /// <summary>A null as YamlDotNet reads one: an empty or ~/null/Null/NULL plain scalar.</summary>
    private bool IsNull(int at) =>
        At(Value(at)) is Scalar { Style: ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>The node an alias names (counting the nodes it brings in against <see cref="MaxNodes"/>), or the node itself.</summary>
    /// <summary>
    /// The node a value's alias names, or the value itself. A tag is refused unless it only says what the node is
    /// (!!str on a scalar, !!seq on a list, !!map on a mapping): YamlDotNet's deserialiser converted !!int or !!bool
    /// values to other text, and refused unknown tags.
    /// </summary>
    private int Value(int at)
    {
        at = Resolve(at);
        if (At(at) is not NodeEvent { Tag.IsEmpty: false } node)
        {
            return at;
        }

        var fits = !node.Tag.IsNonSpecific && node switch
        {
            Scalar => node.Tag.Value is StandardPrefix + "str",
            SequenceStart => node.Tag.Value is StandardPrefix + "seq",
            _ => node.Tag.Value is StandardPrefix + "map",
        };
        return fits ? at : throw Error(node, $"the tag '{node.Tag}' means nothing in a codebook; remove it");
    }

    private int Resolve(int at)
    {
        if (At(at) is not AnchorAlias || !_aliases.TryGetValue(at, out var target))
        {
            return at;
        }

        _nodes += _ends[target] - target + 1;
        return _nodes <= MaxNodes ? target : throw Error(At(at), "the aliases in this codebook repeat too many nodes");
    }

    private ParsingEvent At(int index)
    {
        while (index >= _ends.Count)
        {
            Pull();
        }

        return _events[index];
    }

    private void Pull()
    {
        var index = _ends.Count;
        if (index == _events.Count)
        {
            throw _error ?? Error(_events[^1], "the YAML ends too early");
        }

        var parsed = _events[index];
        _ends.Add(index);
        switch (parsed)
        {
            case AnchorAlias alias:
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw Error(alias, $"the alias *{alias.Value.Value} has no anchor &{alias.Value.Value} before it");
                }

                if (_open.Contains(target))
                {
                    throw Error(alias, $"the alias *{alias.Value.Value} is inside the node it names");
                }

                _aliases[index] = target;
                break;
            case NodeEvent node:
                if (!node.Anchor.IsEmpty)
                {
                    _anchors[node.Anchor.Value] = index;
                }

                if (node is MappingStart or SequenceStart)
                {
                    _open.Push(index);
                }

                break;
            case MappingEnd or SequenceEnd:
                _ends[_open.Pop()] = index;
                break;
        }
    }

    /// <summary>The index just past the node at <paramref name="at"/> (an alias is one event), reading on to its end.</summary>
    private int Next(int at)
    {
        if (At(at) is MappingStart or SequenceStart)
        {
            while (_ends[at] == at)
            {
                Pull();
            }
        }

        return _ends[at] + 1;
    }

    private static string Quoted(string key) => key.Contains(' ', StringComparison.Ordinal) ? key : $"'{key}'";

    private static YamlException Error(ParsingEvent at, string message) => new(at.Start, at.End, message);
}
