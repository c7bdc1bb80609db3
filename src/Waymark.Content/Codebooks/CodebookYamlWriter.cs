using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Waymark.Content.Codebooks;

/// <summary>
/// Writes a codebook's YAML through YamlDotNet's emitter, event by event, with the tags, styles and flags its
/// reflection-based serializer gives a string or a boolean property: the same text as that serializer wrote (checked
/// against it in tests/Waymark.Content.Tests/CodebookTests.cs), without reflection, so that the command compiled ahead
/// of time (docs/adr/0059-coding-compiled-ahead-of-time.md) writes codebooks too. Null values and lists are left out.
/// </summary>
internal sealed class CodebookYamlWriter : IDisposable
{
    private const string StringTag = "tag:yaml.org,2002:str";
    private const string BooleanTag = "tag:yaml.org,2002:bool";

    private readonly StringWriter _text = new();
    private readonly Emitter _emitter;

    public CodebookYamlWriter() => _emitter = new Emitter(_text);

    public void Dispose() => _text.Dispose();

    public void Begin()
    {
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
        _emitter.Emit(new MappingStart(null, null, isImplicit: false, MappingStyle.Any));
    }

    public string End()
    {
        _emitter.Emit(new MappingEnd());
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
        return _text.ToString();
    }

    public void Text(string key, string? value)
    {
        if (value is not null)
        {
            Scalar(key);
            Scalar(value);
        }
    }

    public void Boolean(string key, bool value)
    {
        Scalar(key);
        _emitter.Emit(new Scalar(null, BooleanTag, value ? "true" : "false", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
    }

    public void List(string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        BeginList(key);
        foreach (var value in values)
        {
            Scalar(value);
        }

        EndList();
    }

    /// <summary>A mapping under <paramref name="key"/>, or (null) the next item of the list being written.</summary>
    public void BeginMapping(string? key)
    {
        if (key is not null)
        {
            Scalar(key);
        }

        _emitter.Emit(new MappingStart(null, null, isImplicit: false, MappingStyle.Any));
    }

    public void EndMapping() => _emitter.Emit(new MappingEnd());

    public void BeginList(string key)
    {
        Scalar(key);
        _emitter.Emit(new SequenceStart(null, null, isImplicit: false, SequenceStyle.Any));
    }

    public void EndList() => _emitter.Emit(new SequenceEnd());

    private void Scalar(string value) =>
        _emitter.Emit(new Scalar(null, StringTag, value, ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: false));
}
