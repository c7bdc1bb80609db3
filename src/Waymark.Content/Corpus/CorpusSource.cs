using System.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// The files of a corpus (files and directories, directories read recursively in ordinal order) and the
/// streams over them: paragraphs for coding, posts for community analysis. Reading is lazy; a bad record
/// ends the stream with a failure naming the file and line.
/// </summary>
internal sealed class CorpusSource
{
    private CorpusSource(IReadOnlyList<string> files)
    {
        Files = files;
        TotalBytes = files.Sum(f => new FileInfo(f).Length);
    }

    public IReadOnlyList<string> Files { get; }

    public long TotalBytes { get; }

    /// <summary>Bytes read so far over all files (for the progress indicator).</summary>
    /// <summary>Text files at least this large are read and coded on two threads.</summary>
    internal const long PipelineBytes = 4L << 20;

    private long _bytesRead;

    /// <summary>Bytes of corpus files read so far (the reading thread of a large file adds to it while the coding thread reports progress).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public static Result<CorpusSource> Open(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                files.Add(input);
            }
            else if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "*", SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found);
            }
            else
            {
                return Result.Fail<CorpusSource>($"{input}: no such file or directory.");
            }
        }

        return files.Count == 0
            ? Result.Fail<CorpusSource>("the corpus has no files.")
            : Result.Ok(new CorpusSource(files));
    }

    public IEnumerable<Result<CorpusParagraph>> Paragraphs()
    {
        var offsets = new ThreadOffsets();
        foreach (var file in Files)
        {
            var format = CorpusFormats.FromPath(file);
            if (format == CorpusFormat.Text)
            {
                foreach (var paragraph in ReadText(file))
                {
                    yield return Result.Ok(paragraph);
                }

                continue;
            }

            foreach (var post in ReadPosts(file, format, offsets))
            {
                if (!post.IsSuccess)
                {
                    yield return Result.Fail<CorpusParagraph>(post.Error!);
                    yield break;
                }

                foreach (var paragraph in Split(post.Value!))
                {
                    yield return Result.Ok(paragraph);
                }
            }
        }
    }

    /// <summary>
    /// Feeds every paragraph to <paramref name="consumer"/>, in the order of <see cref="Paragraphs"/>: text files
    /// as UTF-8 bytes straight from the file (no string per line or paragraph), other formats as strings.
    /// <paramref name="progress"/> runs now and then (after each block or paragraph). Fails on the first bad record.
    /// </summary>
    public Result<bool> Feed(IParagraphConsumer consumer, Action? progress = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var offsets = new ThreadOffsets();
        foreach (var file in Files)
        {
            var format = CorpusFormats.FromPath(file);
            if (format == CorpusFormat.Text && FeedUtf8(file, consumer, progress))
            {
                continue;
            }

            var paragraphs = format == CorpusFormat.Text
                ? ReadText(file).Select(p => Result.Ok(p))
                : ReadPosts(file, format, offsets).SelectMany(post => post.IsSuccess
                    ? Split(post.Value!).Select(p => Result.Ok(p))
                    : [Result.Fail<CorpusParagraph>(post.Error!)]);
            foreach (var paragraph in paragraphs)
            {
                if (!paragraph.IsSuccess)
                {
                    return Result.Fail<bool>(paragraph.Error!);
                }

                consumer.Add(paragraph.Value!);
                progress?.Invoke();
            }
        }

        return Result.Ok(true);
    }

    /// <summary>Reads a text file as UTF-8 bytes; false (nothing read) when a UTF-16 or UTF-32 byte order mark asks for characters.</summary>
    private bool FeedUtf8(string file, IParagraphConsumer consumer, Action? progress)
    {
        using var stream = new CountingStream(File.OpenRead(file), this);
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        Interlocked.Add(ref _bytesRead, -read);
        if (!Utf8ParagraphReader.IsUtf8(head[..read]))
        {
            return false;
        }

        stream.Inner.Position = 0;
        var post = new CorpusPost(file, file, file, null, null, null, 0);
        // A file of several blocks is read on another thread while this one codes (two cores working).
        Utf8ParagraphReader.Read(stream, post, consumer, progress, pipelined: stream.Length >= PipelineBytes);
        return true;
    }

    /// <summary>Whole posts (a text file is one post, read whole).</summary>
    public IEnumerable<Result<PostText>> Posts()
    {
        var offsets = new ThreadOffsets();
        foreach (var file in Files)
        {
            foreach (var post in ReadPosts(file, CorpusFormats.FromPath(file), offsets))
            {
                yield return post;
                if (!post.IsSuccess)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>The paragraphs of a post, with document offsets.</summary>
    public static IEnumerable<CorpusParagraph> Split(PostText post)
    {
        foreach (var (start, length) in Segmenter.Paragraphs(post.Text))
        {
            yield return new CorpusParagraph(post.Post, post.Post.Offset + start, post.Text.Substring(start, length));
        }
    }

    private IEnumerable<CorpusParagraph> ReadText(string file)
    {
        using var stream = new CountingStream(File.OpenRead(file), this);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var paragraph in TextCorpusReader.Paragraphs(reader, file))
        {
            yield return paragraph;
        }
    }

    private IEnumerable<Result<PostText>> ReadPosts(string file, CorpusFormat format, ThreadOffsets offsets)
    {
        using var stream = new CountingStream(File.OpenRead(file), this);
        if (format == CorpusFormat.Csv)
        {
            // The CSV reader decodes strict UTF-8 itself, so that a byte that is not UTF-8 is refused with its line.
            foreach (var post in CsvCorpusReader.Posts(stream, file, offsets))
            {
                yield return post;
            }

            yield break;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        switch (format)
        {
            case CorpusFormat.JsonLines:
                foreach (var post in JsonLinesCorpusReader.Posts(reader, file, offsets))
                {
                    yield return post;
                }

                break;
            case CorpusFormat.Html:
                yield return Result.Ok(TextCorpusReader.Whole(HtmlTextExtractor.Extract(reader.ReadToEnd()), file));
                break;
            default:
                yield return Result.Ok(TextCorpusReader.Whole(reader.ReadToEnd(), file));
                break;
        }
    }

    /// <summary>Counts bytes as the reader pulls them, for the progress indicator.</summary>
    private void Add(int read) => Interlocked.Add(ref _bytesRead, read);

    private sealed class CountingStream(Stream inner, CorpusSource owner) : ObservedReadStream(inner)
    {
        protected override void Observe(int read) => owner.Add(read);
    }
}
