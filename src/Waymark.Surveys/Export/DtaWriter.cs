using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Waymark.Surveys.Responses;

namespace Waymark.Surveys.Export;

/// <summary>
/// A Stata data file (format 118: Stata 14 and later, UTF-8, little-endian) holding the export's rows with their
/// variable labels, value labels and display formats, so Stata opens it with <c>use</c> and nothing to run
/// (docs/adr/0120-stata-data-file.md). Numbers are doubles, dates Stata days (<c>%td</c>), select_one codes longs
/// (<see cref="ExportColumn.Codes"/>; an answer outside the list is missing), 0/1 columns bytes, text
/// <c>strN</c> up to 2,045 bytes and <c>strL</c> beyond. The layout follows Stata's own description of the format
/// (<c>help dta</c>).
/// </summary>
internal static class DtaWriter
{
    private const ushort TypeStrL = 32768;
    private const ushort TypeDouble = 65526;
    private const ushort TypeLong = 65528;
    private const ushort TypeByte = 65530;

    /// <summary>The longest fixed-width string (<c>str2045</c>); longer text goes in a <c>strL</c>.</summary>
    private const int MaxStrBytes = 2045;

    /// <summary>Stata's system missing value "." for each numeric type.</summary>
    private static readonly double MissingDouble = BitConverter.Int64BitsToDouble(0x7FE0000000000000); // 2^1023

    private const int MissingLong = 2_147_483_621;
    private const byte MissingByte = 101;

    /// <summary>Stata's extended missing value ".a" (not asked in this version) for each numeric type.</summary>
    private static readonly double MissingDoubleA = BitConverter.Int64BitsToDouble(0x7FE0010000000000);

    private const int MissingLongA = 2_147_483_622;
    private const byte MissingByteA = 102;

    /// <summary>Stata keeps variable labels of up to 80 characters.</summary>
    public const int VariableLabelCharacters = 80;

    private static readonly DateOnly StataEpoch = new(1960, 1, 1);

    private enum Storage
    {
        Text,
        Double,
        Date,

        /// <summary>A date-time or a time of day: milliseconds since 1 Jan 1960 00:00:00 (a time falls on that day).</summary>
        Clock,
        Code,
        ZeroOne,
    }

    /// <summary>A variable of the file; <see cref="NotAsked"/>: the export's not-asked code when some response was not asked it (stored as <c>.a</c>, labelled).</summary>
    private sealed record Variable(ExportColumn Column, Storage Storage, ushort Type, int Width, string Format)
    {
        public string? NotAsked { get; init; }

        /// <summary>Whether the variable has a value-label table: its choices, its 0/1 labels or the label of <c>.a</c>.</summary>
        public bool Labelled => Column.Values.Count > 0 || (NotAsked is not null && Storage is not Storage.Text);
    }

    public static byte[] Write(ExportPlan plan, IReadOnlyList<SurveyResponse> responses)
    {
        var cells = responses.Select(r => plan.Columns.Select(c => plan.Cell(c, r)).ToArray()).ToList();
        var variables = plan.Columns.Select((c, i) => Describe(c, cells.Select(row => row[i])) with { NotAsked = plan.NotAskedCount(c) > 0 ? plan.NotAskedCode : null }).ToList();

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream); // always little-endian, as format 118 with LSF asks
        var offsets = new long[14];
        Ascii(writer, "<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>");
        writer.Write(checked((ushort)variables.Count));
        Ascii(writer, "</K><N>");
        writer.Write((ulong)responses.Count);
        Ascii(writer, "</N><label>");
        writer.Write((ushort)0); // an empty data label
        Ascii(writer, "</label><timestamp>");
        writer.Write((byte)0); // no time stamp: the file says nothing about when it was made
        Ascii(writer, "</timestamp></header>");

        offsets[1] = writer.BaseStream.Position;
        Ascii(writer, "<map>");
        var mapAt = writer.BaseStream.Position;
        writer.Write(new byte[14 * 8]);
        Ascii(writer, "</map>");

        offsets[2] = Section(writer, "variable_types", s => variables.ForEach(v => s.Write(v.Type)));
        offsets[3] = Section(writer, "varnames", s => variables.ForEach(v => Fixed(s, v.Column.Variable, 129)));
        offsets[4] = Section(writer, "sortlist", s => s.Write(new byte[(variables.Count + 1) * 2]));
        offsets[5] = Section(writer, "formats", s => variables.ForEach(v => Fixed(s, v.Format, 57)));
        offsets[6] = Section(writer, "value_label_names", s => variables.ForEach(v => Fixed(s, v.Labelled ? v.Column.Variable : string.Empty, 129)));
        offsets[7] = Section(writer, "variable_labels", s => variables.ForEach(v => Fixed(s, Characters(v.Column.Label, VariableLabelCharacters), 321)));
        offsets[8] = Section(writer, "characteristics", _ => { });

        var strls = new List<(int Variable, int Observation, byte[] Text)>();
        offsets[9] = Section(writer, "data", s =>
        {
            for (var o = 0; o < cells.Count; o++)
            {
                for (var v = 0; v < variables.Count; v++)
                {
                    Cell(s, variables[v], cells[o][v], v, o, strls);
                }
            }
        });
        offsets[10] = Section(writer, "strls", s =>
        {
            foreach (var (v, o, text) in strls)
            {
                Ascii(s, "GSO");
                s.Write((uint)(v + 1));
                s.Write((ulong)(o + 1));
                s.Write((byte)130); // text, stored with a terminating null
                s.Write((uint)(text.Length + 1));
                s.Write(text);
                s.Write((byte)0);
            }
        });
        offsets[11] = Section(writer, "value_labels", s =>
        {
            foreach (var v in variables.Where(v => v.Labelled))
            {
                ValueLabels(s, v);
            }
        });
        offsets[12] = writer.BaseStream.Position;
        Ascii(writer, "</stata_dta>");
        offsets[13] = writer.BaseStream.Position;

        writer.Seek(checked((int)mapAt), SeekOrigin.Begin);
        foreach (var offset in offsets)
        {
            writer.Write((ulong)offset);
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static Variable Describe(ExportColumn column, IEnumerable<string> values) => column.Kind switch
    {
        ColumnKind.IntegerNumber or ColumnKind.DecimalNumber or ColumnKind.Duration => new(column, Storage.Double, TypeDouble, 8, "%10.0g"),
        ColumnKind.Date or ColumnKind.DateValue => new(column, Storage.Date, TypeLong, 4, "%td"),
        ColumnKind.TimeValue => new(column, Storage.Clock, TypeDouble, 8, "%tcHH:MM:SS"),
        ColumnKind.DateTimeValue => new(column, Storage.Clock, TypeDouble, 8, "%tc"),
        ColumnKind.SelectOne => new(column, Storage.Code, TypeLong, 4, "%12.0g"),
        ColumnKind.Dummy or ColumnKind.FlagDummy => new(column, Storage.ZeroOne, TypeByte, 1, "%8.0g"),
        _ => Text(column, values.Select(v => Encoding.UTF8.GetByteCount(v)).DefaultIfEmpty(0).Max()),
    };

    private static Variable Text(ExportColumn column, int longest) => longest > MaxStrBytes
        ? new(column, Storage.Text, TypeStrL, 8, "%9s")
        : new(column, Storage.Text, (ushort)Math.Max(1, longest), Math.Max(1, longest), "%" + Math.Min(Math.Max(1, longest), 244).ToString(CultureInfo.InvariantCulture) + "s");

    private static void Cell(BinaryWriter s, Variable variable, string value, int v, int o, List<(int, int, byte[])> strls)
    {
        // The not-asked code is no answer of this export (ExportPlan.NotAskedCode), so a cell holding it was not asked.
        if (variable.NotAsked is not null && value == variable.NotAsked && variable.Storage is not Storage.Text)
        {
            switch (variable.Storage)
            {
                case Storage.Double or Storage.Clock:
                    s.Write(MissingDoubleA);
                    break;
                case Storage.ZeroOne:
                    s.Write(MissingByteA);
                    break;
                default:
                    s.Write(MissingLongA);
                    break;
            }

            return;
        }

        switch (variable.Storage)
        {
            case Storage.Double:
                s.Write(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : MissingDouble);
                break;
            case Storage.Date:
                s.Write(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.DayNumber - StataEpoch.DayNumber : MissingLong);
                break;
            case Storage.Clock:
                s.Write(Milliseconds(value) ?? MissingDouble);
                break;
            case Storage.Code:
                var index = variable.Column.Values.ToList().FindIndex(x => x.Value == value);
                s.Write(index < 0 ? MissingLong : checked((int)variable.Column.Codes[index]));
                break;
            case Storage.ZeroOne:
                s.Write(value switch { "0" => (byte)0, "1" => (byte)1, _ => MissingByte });
                break;
            case Storage.Text when variable.Type == TypeStrL:
                if (value.Length == 0)
                {
                    s.Write(new byte[8]); // (0, 0): the empty string
                }
                else
                {
                    // Format 118 keeps (v, o) in 8 bytes: v in the first 2, o in the other 6.
                    Span<byte> reference = stackalloc byte[8];
                    BinaryPrimitives.WriteUInt16LittleEndian(reference, (ushort)(v + 1));
                    var observation = (ulong)(o + 1);
                    for (var b = 0; b < 6; b++)
                    {
                        reference[2 + b] = (byte)(observation >> (8 * b));
                    }

                    s.Write(reference);
                    strls.Add((v, o, Encoding.UTF8.GetBytes(value)));
                }

                break;
            default:
                Fixed(s, value, variable.Width, terminated: false);
                break;
        }
    }

    /// <summary>Stata's <c>%tc</c> value of a kept answer: a date-time's milliseconds since 1 Jan 1960 00:00:00, a time's on that day.</summary>
    private static double? Milliseconds(string value)
    {
        if (TimeOnly.TryParseExact(value, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.Ticks / TimeSpan.TicksPerMillisecond;
        }

        return System.DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? (moment - StataEpoch.ToDateTime(TimeOnly.MinValue)).Ticks / TimeSpan.TicksPerMillisecond
            : null;
    }

    /// <summary>One value-label table: the codes in the list's order and their labels (null-terminated UTF-8).</summary>
    private static void ValueLabels(BinaryWriter s, Variable variable)
    {
        var column = variable.Column;
        var codes = column.Kind == ColumnKind.SelectOne
            ? column.Codes.Select(c => checked((int)c)).ToList()
            : column.Values.Select(v => int.Parse(v.Value, CultureInfo.InvariantCulture)).ToList();
        var texts = column.Values.Select(v => Encoding.UTF8.GetBytes(Characters(v.Label, 32_000))).ToList();
        if (variable.NotAsked is not null)
        {
            codes.Add(MissingLongA); // a label for .a, as "label define L .a "…"" makes
            texts.Add(Encoding.UTF8.GetBytes(ExportPlan.NotAskedLabel));
        }

        var textLength = texts.Sum(t => t.Length + 1);
        Ascii(s, "<lbl>");
        s.Write(8 + (8 * codes.Count) + textLength);
        Fixed(s, column.Variable, 129);
        s.Write(new byte[3]);
        s.Write(codes.Count);
        s.Write(textLength);
        var offset = 0;
        foreach (var text in texts)
        {
            s.Write(offset);
            offset += text.Length + 1;
        }

        codes.ForEach(s.Write);
        foreach (var text in texts)
        {
            s.Write(text);
            s.Write((byte)0);
        }

        Ascii(s, "</lbl>");
    }

    private static long Section(BinaryWriter s, string name, Action<BinaryWriter> body)
    {
        var at = s.BaseStream.Position;
        Ascii(s, "<" + name + ">");
        body(s);
        Ascii(s, "</" + name + ">");
        return at;
    }

    /// <summary>At most <paramref name="max"/> characters (Unicode code points), cut with "…".</summary>
    private static string Characters(string text, int max)
    {
        var runes = text.EnumerateRunes().ToList();
        return runes.Count <= max ? text : string.Concat(runes.Take(max - 1).Select(r => r.ToString())) + "…";
    }

    /// <summary>UTF-8 text in a field of <paramref name="width"/> bytes, padded with nulls (cut on a character boundary, leaving room for a null when <paramref name="terminated"/>).</summary>
    private static void Fixed(BinaryWriter s, string text, int width, bool terminated = true)
    {
        var room = terminated ? width - 1 : width;
        var bytes = Encoding.UTF8.GetBytes(text);
        var length = bytes.Length;
        if (length > room)
        {
            length = room;
            while (length > 0 && (bytes[length] & 0xC0) == 0x80)
            {
                length--;
            }
        }

        s.Write(bytes, 0, length);
        s.Write(new byte[width - length]);
    }

    private static void Ascii(BinaryWriter w, string text) => w.Write(Encoding.ASCII.GetBytes(text));
}
