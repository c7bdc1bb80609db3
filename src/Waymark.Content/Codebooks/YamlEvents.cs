using YamlDotNet.Core;
using E = YamlDotNet.Core.Events;
using T = YamlDotNet.Core.Tokens;

namespace Waymark.Content.Codebooks;

/// <summary>
/// YAML parsing events from YamlDotNet's scanner (tokens), by a small recursive-descent parser of the YAML 1.1
/// block and flow grammar, as YamlDotNet's own Parser gives them for every codebook (checked against it on mutated
/// codebooks in tests/Waymark.Content.Tests/CodebookReaderTests.cs). Why not that Parser: its first use builds the
/// default tag directives, whose handle check is a RegexOptions.Compiled regular expression, compiled with
/// Reflection.Emit on every start-up of <c>waymark code</c> (about 20 ms, more than the rest of reading a codebook).
/// </summary>
internal sealed class YamlEvents
{
    // A codebook is six levels deep; far deeper YAML is refused rather than recursed into.
    private const int MaxDepth = 64;
    private const string StandardPrefix = "tag:yaml.org,2002:";

    private readonly Scanner _scanner;
    private readonly List<E.ParsingEvent> _events = [];
    private readonly Dictionary<string, string> _handles = new(StringComparer.Ordinal) { ["!"] = "!", ["!!"] = StandardPrefix };
    private T.Token? _token;

    private YamlEvents(string yaml) => _scanner = new Scanner(new StringReader(yaml), skipComments: true);

    /// <summary>
    /// The events of the whole stream, or those before the first error and the error: the reader meets the error only
    /// when it reads that far, as it would pulling from a parser, so a codebook error earlier in the file comes first.
    /// </summary>
    public static (IReadOnlyList<E.ParsingEvent> Events, YamlException? Error) Parse(string yaml)
    {
        var parser = new YamlEvents(yaml);
        try
        {
            parser.Stream();
            return (parser._events, null);
        }
        catch (YamlException e)
        {
            return (parser._events, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed input instead of a YamlException.
            var where = parser._events.Count > 0 ? parser._events[^1].End : Mark.Empty;
            return (parser._events, new YamlException(where, where, "the YAML cannot be read after this point", e));
        }
    }

    private T.Token Current
    {
        get
        {
            if (_token is null)
            {
                if (!_scanner.MoveNext())
                {
                    throw new YamlException(_scanner.CurrentPosition, _scanner.CurrentPosition, "the YAML ends too early");
                }

                _token = _scanner.Current!;
                if (_token is T.Error error)
                {
                    throw new YamlException(error.Start, error.End, error.Value);
                }
            }

            return _token;
        }
    }

    private void Skip() => _token = null;

    private void Stream()
    {
        var start = Current;
        Skip();
        _events.Add(new E.StreamStart(start.Start, start.End));
        for (var first = true; ; first = false)
        {
            while (!first && Current is T.DocumentEnd)
            {
                Skip();
            }

            // The first document, a scalar or a block mapping may start without '---'.
            var implicitStart = (first || Current is T.Scalar) && Current is not (T.VersionDirective or T.TagDirective or T.DocumentStart or T.StreamEnd or T.DocumentEnd);
            if (implicitStart || Current is T.BlockMappingStart)
            {
                Directives();
                _events.Add(new E.DocumentStart(Current.Start, Current.End));
                Node(block: true, indentless: false, depth: 0);
            }
            else if (Current is not (T.StreamEnd or T.DocumentEnd))
            {
                var documentStart = Current.Start;
                Directives();
                if (Current is not T.DocumentStart marker)
                {
                    throw Error(Current, "did not find the expected '---' (document start)");
                }

                Skip();
                _events.Add(new E.DocumentStart(documentStart, marker.End));
                if (Current is T.VersionDirective or T.TagDirective or T.DocumentStart or T.DocumentEnd or T.StreamEnd)
                {
                    _events.Add(Empty(_scanner.CurrentPosition));
                }
                else
                {
                    Node(block: true, indentless: false, depth: 0);
                }
            }
            else
            {
                if (Current is T.DocumentEnd)
                {
                    Skip();
                }

                if (Current is not T.StreamEnd)
                {
                    throw Error(Current, "there is more after the end of the document ('...')");
                }

                _events.Add(new E.StreamEnd(Current.Start, Current.End));
                return;
            }

            DocumentEnd();
        }
    }

    /// <summary>%YAML and %TAG lines before a document: a document with its own replaces the tag handles in force.</summary>
    private void Directives()
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        var version = false;
        for (; ; Skip())
        {
            if (Current is T.VersionDirective directive)
            {
                if (version || directive.Version.Major != 1)
                {
                    throw Error(directive, version ? "the %YAML directive is given twice" : "only YAML 1.x can be read");
                }

                version = true;
            }
            else if (Current is T.TagDirective tag)
            {
                if (!own.TryAdd(tag.Handle, tag.Prefix))
                {
                    throw Error(tag, $"the %TAG directive for {tag.Handle} is given twice");
                }
            }
            else
            {
                break;
            }
        }

        if (version || own.Count > 0)
        {
            _handles.Clear();
            foreach (var (handle, prefix) in own)
            {
                _handles[handle] = prefix;
            }
        }

        _handles.TryAdd("!", "!");
        _handles.TryAdd("!!", StandardPrefix);
    }

    private void DocumentEnd()
    {
        var start = Current.Start;
        if (Current is T.DocumentEnd end)
        {
            Skip();
            _events.Add(new E.DocumentEnd(false, start, end.End));
        }
        else if (Current is T.StreamEnd or T.DocumentStart or T.FlowSequenceEnd or T.VersionDirective)
        {
            _events.Add(new E.DocumentEnd(true, start, start));
        }
        else
        {
            throw Error(Current, "did not find the expected end of the document (a new line or '...')");
        }
    }

    /// <summary>One node: an alias, or anchor and tag in either order followed by content (empty when none).</summary>
    private void Node(bool block, bool indentless, int depth, bool flowMappingValue = false)
    {
        if (depth > MaxDepth)
        {
            throw Error(Current, "the YAML is nested too deeply for a codebook");
        }

        if (Current is T.AnchorAlias alias)
        {
            Skip();
            _events.Add(new E.AnchorAlias(alias.Value, alias.Start, alias.End));
            return;
        }

        var start = Current.Start;
        T.Anchor? anchor = null;
        T.Tag? tag = null;
        while (true)
        {
            if (anchor is null && Current is T.Anchor anchorToken)
            {
                anchor = anchorToken;
                Skip();
            }
            else if (tag is null && Current is T.Tag tagToken)
            {
                tag = tagToken;
                Skip();
            }
            else if (Current is T.AnchorAlias misplaced)
            {
                throw Error(misplaced, "an alias cannot have an anchor or a tag");
            }
            else
            {
                break;
            }
        }

        var tagName = TagOf(tag);
        var anchorName = anchor is null ? AnchorName.Empty : anchor.Value;
        var isImplicit = tagName.IsEmpty;
        switch (Current)
        {
            case T.BlockEntry entry when indentless:
                _events.Add(new E.SequenceStart(anchorName, tagName, isImplicit, E.SequenceStyle.Block, start, entry.End));
                IndentlessSequence(depth);
                break;
            case T.Scalar scalar:
                Skip();
                if (flowMappingValue)
                {
                    FollowsFlowMappingValue(anchor is not null);
                }

                var plain = (scalar.Style == ScalarStyle.Plain && isImplicit) || (!isImplicit && tagName.IsNonSpecific);
                _events.Add(new E.Scalar(anchorName, tagName, scalar.Value, scalar.Style, plain, !plain && isImplicit, start, scalar.End));
                break;
            case T.FlowSequenceStart flowSequence:
                _events.Add(new E.SequenceStart(anchorName, tagName, isImplicit, E.SequenceStyle.Flow, start, flowSequence.End));
                FlowSequence(depth);
                break;
            case T.FlowMappingStart flowMapping:
                _events.Add(new E.MappingStart(anchorName, tagName, isImplicit, E.MappingStyle.Flow, start, flowMapping.End));
                FlowMapping(depth);
                break;
            case T.BlockSequenceStart blockSequence when block:
                _events.Add(new E.SequenceStart(anchorName, tagName, isImplicit, E.SequenceStyle.Block, start, blockSequence.End));
                BlockSequence(depth);
                break;
            case T.BlockMappingStart blockMapping when block:
                _events.Add(new E.MappingStart(anchorName, tagName, isImplicit, E.MappingStyle.Block, start, blockMapping.End));
                BlockMapping(depth);
                break;
            default:
                if (anchor is null && tag is null)
                {
                    throw Error(Current, "did not find the expected value");
                }

                _events.Add(new E.Scalar(anchorName, tagName, string.Empty, ScalarStyle.Plain, isImplicit, false, start, Current.End));
                break;
        }
    }

    /// <summary>
    /// As YamlDotNet's parser: a scalar value in a flow mapping must be followed by ',' or '}'; after an anchored one,
    /// the token after next must be (the next one is passed over, unless it is '}').
    /// </summary>
    private void FollowsFlowMappingValue(bool anchored)
    {
        if (anchored)
        {
            if (Current is T.FlowMappingEnd)
            {
                return;
            }

            Skip();
        }

        if (Current is not (T.FlowEntry or T.FlowMappingEnd))
        {
            throw Error(Current, "did not find the expected ',' or '}'");
        }
    }

    private TagName TagOf(T.Tag? tag)
    {
        if (tag is null)
        {
            return TagName.Empty;
        }

        string name;
        if (string.IsNullOrEmpty(tag.Handle))
        {
            name = tag.Suffix;
        }
        else if (_handles.TryGetValue(tag.Handle, out var prefix))
        {
            name = prefix + tag.Suffix;
        }
        else
        {
            throw Error(tag, $"the tag handle {tag.Handle} is not defined by a %TAG directive");
        }

        return string.IsNullOrEmpty(name) ? TagName.Empty : new TagName(name);
    }

    private void BlockSequence(int depth)
    {
        Skip();
        while (true)
        {
            if (Current is T.BlockEntry entry)
            {
                Skip();
                EntryOrEmpty(entry.End, Current is T.BlockEntry or T.BlockEnd, block: true, indentless: false, depth);
            }
            else if (Current is T.BlockEnd end)
            {
                Skip();
                _events.Add(new E.SequenceEnd(end.Start, end.End));
                return;
            }
            else
            {
                throw Error(Current, "did not find the expected '- ' of the next list entry");
            }
        }
    }

    /// <summary>A list whose '- ' entries are as indented as the key they are the value of; its first '- ' is current.</summary>
    private void IndentlessSequence(int depth)
    {
        while (Current is T.BlockEntry entry)
        {
            Skip();
            EntryOrEmpty(entry.End, Current is T.BlockEntry or T.Key or T.Value or T.BlockEnd, block: true, indentless: false, depth);
        }

        _events.Add(new E.SequenceEnd(Current.Start, Current.End));
    }

    private void BlockMapping(int depth)
    {
        // As YamlDotNet: until the first key, each round skips a token (the mapping start; after an orphan ':' or
        // alias, the token that follows it).
        for (var beforeFirstKey = true; ;)
        {
            if (beforeFirstKey)
            {
                _ = Current;
                Skip();
            }

            if (Current is T.Key key)
            {
                beforeFirstKey = false;
                Skip();
                EntryOrEmpty(key.End, Current is T.Key or T.Value or T.BlockEnd, block: true, indentless: true, depth);
            }
            else if (Current is T.Value orphan)
            {
                // As YamlDotNet: ':' with no key is an empty key, and what follows is read as the next key.
                Skip();
                _events.Add(Empty(orphan.End));
                continue;
            }
            else if (Current is T.AnchorAlias alias)
            {
                // As YamlDotNet: an alias where a key should start is a key of its own.
                Skip();
                _events.Add(new E.AnchorAlias(alias.Value, alias.Start, alias.End));
                continue;
            }
            else if (Current is T.BlockEnd end)
            {
                Skip();
                _events.Add(new E.MappingEnd(end.Start, end.End));
                return;
            }
            else
            {
                throw Error(Current, "did not find the expected key");
            }

            if (Current is T.Value value)
            {
                Skip();
                EntryOrEmpty(value.End, Current is T.Key or T.Value or T.BlockEnd, block: true, indentless: true, depth);
            }
            else
            {
                _events.Add(Empty(Current.Start));
            }
        }
    }

    private void FlowSequence(int depth)
    {
        Skip();
        for (var first = true; Current is not T.FlowSequenceEnd; first = false)
        {
            if (!first)
            {
                if (Current is not T.FlowEntry)
                {
                    throw Error(Current, "did not find the expected ',' or ']'");
                }

                Skip();
                if (Current is T.FlowSequenceEnd)
                {
                    break;
                }
            }

            if (Current is T.Key key)
            {
                // [a: b]: a list entry that is a mapping of one pair.
                Skip();
                _events.Add(new E.MappingStart(AnchorName.Empty, TagName.Empty, true, E.MappingStyle.Flow));
                EntryOrEmpty(key.End, Current is T.Value or T.FlowEntry or T.FlowSequenceEnd, block: false, indentless: false, depth);
                FlowValue(depth);
                _events.Add(new E.MappingEnd(Current.Start, Current.End));
            }
            else
            {
                Node(block: false, indentless: false, depth + 1);
            }
        }

        var end = Current;
        Skip();
        _events.Add(new E.SequenceEnd(end.Start, end.End));
    }

    private void FlowMapping(int depth)
    {
        Skip();
        for (var first = true; Current is not T.FlowMappingEnd; first = false)
        {
            if (!first && Current is not T.Scalar)
            {
                // As YamlDotNet: a scalar may follow an entry without a comma.
                if (Current is not T.FlowEntry)
                {
                    throw Error(Current, "did not find the expected ',' or '}'");
                }

                Skip();
                if (Current is T.FlowMappingEnd)
                {
                    break;
                }
            }

            if (Current is T.Key key)
            {
                Skip();
                if (Current is T.Value or T.FlowEntry or T.FlowMappingEnd)
                {
                    _events.Add(Empty(Current.Start));
                }
                else
                {
                    Node(block: false, indentless: false, depth + 1);
                }

                FlowMappingValue(depth);
            }
            else if (Current is T.Scalar)
            {
                Node(block: false, indentless: false, depth + 1);
                FlowMappingValue(depth);
            }
            else
            {
                // {[a], b}: a key with no value.
                Node(block: false, indentless: false, depth + 1);
                _events.Add(Empty(Current.Start));
            }
        }

        var end = Current;
        Skip();
        _events.Add(new E.MappingEnd(end.Start, end.End));
    }

    /// <summary>
    /// The value after ':' in a flow mapping, or an empty one; as YamlDotNet, a scalar with no ':' before it is the value,
    /// and a scalar value must be followed by ',' or '}'.
    /// </summary>
    private void FlowMappingValue(int depth)
    {
        if (Current is T.Value)
        {
            Skip();
            if (Current is not (T.FlowEntry or T.FlowMappingEnd))
            {
                Node(block: false, indentless: false, depth + 1, flowMappingValue: true);
                return;
            }
        }
        else if (Current is T.Scalar bare)
        {
            Skip();
            _events.Add(new E.Scalar(AnchorName.Empty, TagName.Empty, bare.Value, bare.Style, false, false, bare.Start, bare.End));
            return;
        }

        _events.Add(Empty(Current.Start));
    }

    /// <summary>The value after ':' in a flow sequence's pair, or an empty one.</summary>
    private void FlowValue(int depth)
    {
        if (Current is T.Value)
        {
            Skip();
            if (Current is not (T.FlowEntry or T.FlowSequenceEnd or T.FlowMappingEnd))
            {
                Node(block: false, indentless: false, depth + 1);
                return;
            }
        }

        _events.Add(Empty(Current.Start));
    }

    private void EntryOrEmpty(Mark at, bool empty, bool block, bool indentless, int depth)
    {
        if (empty)
        {
            _events.Add(Empty(at));
        }
        else
        {
            Node(block, indentless, depth + 1);
        }
    }

    private static E.Scalar Empty(Mark at) => new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, at, at);

    private static YamlException Error(T.Token at, string message) => new(at.Start, at.End, message);
}
