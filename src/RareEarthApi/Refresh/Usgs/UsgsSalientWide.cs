using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RareEarthApi.Commodities;
using RareEarthApi.Http;
using RareEarthApi.Production;
using RareEarthApi.UsStatistics;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>
/// MCS 2024's U.S. salient statistics: one wide file per commodity (mcs2024-raree_salient.csv: DataSource, Commodity,
/// Year, then a column per statistic, USprod_Concentrate_t, Price_CeO2_dkg, NIR_Compounds-Metals_t …) whose columns
/// only its metadata file (mcs2024-raree_meta.xml, FGDC) describes: each attribute's definition ("Imports: Metals:
/// Ferrocerium, alloys. REO equivalent … Source: U.S. Census Bureau.") and unit ("metric tons"). The column → statistic,
/// detail and unit map is read from that file: the statistic from the attribute's label (its first part the vocabulary
/// knows: USprod → production, NIR → net-import-reliance …) or, failing that, the definition's opening words; the detail
/// is the definition's first sentence, the note the rest, the unit the attribute's. A column the metadata does not
/// describe, or describes as another statistic, fails the file rather than being guessed.
/// </summary>
internal static partial class UsgsSalientWide
{
    /// <summary>The first three columns of every salient file.</summary>
    public static bool IsSalientHeader(IReadOnlyList<string> header) =>
        header.Count > 3 && header[0] == "DataSource" && header[1] == "Commodity" && header[2] == "Year";

    /// <summary>A release's metadata file (mcs2024-raree_meta.xml), read beside the data file it describes, not parsed on its own.</summary>
    public static bool IsMeta(string name) => UsgsMcsParser.ReleaseFileCode(name, "meta") is not null;

    /// <summary>
    /// The metadata file of a salient file: the one of the same commodity code, or of a code Seed/usgs-file-codes.csv
    /// gives the same commodity (mcs2024-alum_salient.csv is described by mcs2024-alumi_meta.xml); null for none.
    /// </summary>
    public static (string Path, string Name)? MetaOf(string name, IReadOnlyList<(string Path, string Name)> metas, UsgsCommodityNames names)
    {
        if (UsgsMcsParser.ReleaseFileCode(name, "salient") is not { } code)
        {
            return null;
        }

        var commodity = names.FileCommodity(code);
        foreach (var meta in metas)
        {
            var metaCode = UsgsMcsParser.ReleaseFileCode(meta.Name, "meta") ?? "";
            if (metaCode.Equals(code, StringComparison.OrdinalIgnoreCase))
            {
                return meta;
            }
        }

        return commodity is null ? null
            : metas.Where(m => names.FileCommodity(UsgsMcsParser.ReleaseFileCode(m.Name, "meta") ?? "") is { } other && other.Equals(commodity, StringComparison.OrdinalIgnoreCase))
                .Select(m => ((string, string)?)m).FirstOrDefault();
    }

    /// <summary>Label parts (MCS 2024's abbreviations) → the statistic; the first part found wins (Bauxite_Imports_kt: imports).</summary>
    private static readonly Dictionary<string, UsStatisticKind> LabelParts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USprod"] = UsStatisticKind.Production,
        ["Prod"] = UsStatisticKind.Production,
        ["Production"] = UsStatisticKind.Production,
        ["Imports"] = UsStatisticKind.Imports,
        ["Exports"] = UsStatisticKind.Exports,
        ["Consump"] = UsStatisticKind.Consumption,
        ["Price"] = UsStatisticKind.Price,
        ["Stocks"] = UsStatisticKind.Stocks,
        ["Employment"] = UsStatisticKind.Employment,
        ["NIR"] = UsStatisticKind.NetImportReliance,
        ["Shipments"] = UsStatisticKind.Shipments,
        ["Sold"] = UsStatisticKind.Sold,
        ["Sales"] = UsStatisticKind.Sales,
        ["Supply"] = UsStatisticKind.Supply,
    };

    /// <summary>A definition's opening words → the statistic, longest first ("Net import reliance …", "Imports for consumption").</summary>
    private static readonly (string Words, UsStatisticKind Kind)[] DefinitionWords =
    [
        ("Net import reliance", UsStatisticKind.NetImportReliance),
        ("Sold or used", UsStatisticKind.SoldOrUsed),
        ("U.S. production", UsStatisticKind.Production),
        ("Production", UsStatisticKind.Production),
        ("Imports", UsStatisticKind.Imports),
        ("Exports", UsStatisticKind.Exports),
        ("Consumption", UsStatisticKind.Consumption),
        ("Price", UsStatisticKind.Price),
        ("Stocks", UsStatisticKind.Stocks),
        ("Employment", UsStatisticKind.Employment),
        ("Shipments", UsStatisticKind.Shipments),
        ("Sales", UsStatisticKind.Sales),
        ("Sold", UsStatisticKind.Sold),
        ("Supply", UsStatisticKind.Supply),
    ];

    private sealed record Attribute(string Label, string Definition, string? Unit);

    /// <param name="Negative">Whether the definition says what a negative figure means ("If negative, increase in inventory.").</param>
    private sealed record Column(int Index, string Header, UsStatisticKind Kind, string Detail, string? Note, string Unit, Func<int, bool> Estimated, bool Negative);

    public static UsgsUsTablesResult Read(string csv, string meta, string file, string metaFile, string edition, UsgsCommodityNames names, List<string> problems)
    {
        var records = Records(csv, file);
        var header = records[0].ToList();
        // Excel's trailing empty columns (",,,,,") are no columns.
        while (header.Count > 0 && header[^1].Trim().Length == 0)
        {
            header.RemoveAt(header.Count - 1);
        }

        var attributes = Attributes(meta, file, metaFile);
        if (attributes.Count != header.Count)
        {
            problems.Add($"{file}: {header.Count} columns, where {metaFile} describes {attributes.Count} ({string.Join(", ", attributes.Select(a => a.Label))}); the columns cannot be matched to their definitions.");
            return UsgsUsTablesResult.Empty;
        }

        // A header the file prints twice (iron oxide pigments' "CASE STATEMENT ERRORt") names neither column
        // (iron and steel's "Consump_mmt" over its continuously-cast percentage and its consumption).
        var printedOnce = header.Skip(3).Select(h => h.Trim()).GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        // A header printed as another column's label in the metadata ("Imports_Concentrates_kt" two columns
        // before its definition: lead) shows the header row and the definitions shifted against each other; which
        // of them the cells follow cannot be told, so the file fails rather than be matched column by column.
        var labels = attributes.Select(a => a.Label).ToList();
        var before = problems.Count;
        for (var i = 3; i < header.Count; i++)
        {
            var elsewhere = labels.FindIndex(3, l => l.Equals(header[i].Trim(), StringComparison.Ordinal));
            if (elsewhere >= 0 && printedOnce.Contains(header[i].Trim()) && elsewhere != i)
            {
                problems.Add($"{file}, column {i + 1} '{header[i].Trim()}': {metaFile} gives that label to column {elsewhere + 1}; the header and the definitions are shifted against each other.");
            }
        }

        if (problems.Count > before)
        {
            return UsgsUsTablesResult.Empty;
        }

        var years = records.Skip(1).Select(r => r.Length > 2 && int.TryParse(r[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0).Where(y => y > 0).ToList();
        var columns = new List<Column>();
        for (var i = 3; i < header.Count; i++)
        {
            if (ColumnOf(i, header[i].Trim(), printedOnce.Contains(header[i].Trim()), attributes[i], years, file, metaFile, problems) is { } column)
            {
                columns.Add(column);
            }
        }

        if (problems.Count > before)
        {
            return UsgsUsTablesResult.Empty;
        }

        var statistics = new List<UsStatistic>();
        for (var line = 1; line < records.Length; line++)
        {
            var r = records[line];
            var where = $"{file} row {line + 1}";
            if (r.All(c => c.Trim().Length == 0))
            {
                continue;
            }

            if (!int.TryParse(r[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                problems.Add($"{where}, column Year: '{r[2].Trim()}' is not a year.");
                continue;
            }

            var commodityName = UsgsCommodityNames.Clean(r[1]);
            var series = new Dictionary<(UsStatisticKind, string, string), int>();
            foreach (var c in columns)
            {
                var raw = c.Index < r.Length ? r[c.Index].Trim() : "";
                if (raw.Length == 0)
                {
                    // An empty cell prints nothing: no figure to serve.
                    continue;
                }

                var (value, status, tokenNote, low, high) = UsgsMcsParser.Value(raw, c.Estimated(year));
                if (status is null && raw.Length > 1 && raw[0] is '-' or '−' && c.Negative
                    && UsgsMcsParser.Value(raw[1..], c.Estimated(year)) is { Value: > 0 and var magnitude, Status: { } numberStatus })
                {
                    // "If negative, increase in inventory.": the definition gives a negative figure its meaning.
                    (value, status) = (-magnitude, numberStatus);
                }

                if (status is null && BoundInSmallerUnit(raw, c.Unit) is { } bound)
                {
                    (value, status, tokenNote) = (bound.Value, ObservationStatus.UpperBound, bound.Note);
                }

                if (status is null)
                {
                    problems.Add($"{where}, column {c.Header}: value '{raw}' is neither a number, a range, a bound nor a known token.");
                    continue;
                }

                var key = (c.Kind, c.Detail, c.Unit);
                series[key] = series.GetValueOrDefault(key) + 1;
                var note = string.Join(" ", new[] { tokenNote, c.Note }.Where(n => !string.IsNullOrEmpty(n)));
                statistics.Add(new UsStatistic(names.Id(commodityName), commodityName, WireEnum.Text(c.Kind), c.Detail, series[key], year, value, status, low, high,
                    c.Unit, raw, note.Length > 0 ? note : null, edition));
            }
        }

        return new UsgsUsTablesResult(statistics, []);
    }

    /// <summary>
    /// The column at <paramref name="index"/> described by the metadata's attribute at the same place. The statistic is
    /// the one the attribute's label names, else its definition's opening words, else the file's header (a header the
    /// file prints once: copper's USprod_Post-consumer_kt over the label Recycled_Post-consumer_kt). The label and the
    /// definition must not contradict each other (a label naming exports defined as "Imports: …" fails). Where the header
    /// and the label name different statistics (Sales_Sales_kt and USprod_Sales_kt), the header's stands if the metadata
    /// names it too, in another part of the label or in the definition's opening words or those after its first colon
    /// ("Sales by producers": sales; "U.S. production: Sold or used" under Sold_kt: sold-or-used); otherwise the columns
    /// do not line up and the file fails. A header that names none ("CASE STATEMENT ERRORt", an export's slip) takes the attribute's. A label naming
    /// a part of the definition's statistic (Sold, defined as "Sold or used: …") takes the definition's.
    /// </summary>
    private static Column? ColumnOf(int index, string header, bool headerPrintedOnce, Attribute attribute, IReadOnlyList<int> years, string file, string metaFile, List<string> problems)
    {
        var where = $"{file}, column {index + 1} '{header}'";
        var labelKinds = KindsOfLabel(attribute.Label);
        var definedKinds = KindsOfDefinition(attribute.Definition);
        var defined = definedKinds.Cast<UsStatisticKind?>().FirstOrDefault();
        if (defined is { } d && labelKinds.Count > 0 && !labelKinds.Any(k => Agrees(k, d)))
        {
            problems.Add($"{where}: {metaFile} labels it '{attribute.Label}' ({string.Join(", ", labelKinds.Select(WireEnum.Text))}) but defines it as {WireEnum.Text(d)} ('{Shorten(attribute.Definition)}'); the metadata contradicts itself.");
            return null;
        }

        var headed = headerPrintedOnce ? KindsOfLabel(header).Cast<UsStatisticKind?>().FirstOrDefault() : null;
        var described = labelKinds.Cast<UsStatisticKind?>().FirstOrDefault() ?? defined ?? headed;
        if (described is not { } kind)
        {
            problems.Add($"{where}: {metaFile} defines it as '{attribute.Label}': '{Shorten(attribute.Definition)}', which names none of the statistics {string.Join(", ", UsStatisticKinds.All)}.");
            return null;
        }

        if (defined is { } finer && finer != kind && Agrees(kind, finer))
        {
            // SoldFinished_t defined as "Sold or used: …": the definition's words are the statistic's, the label's a part of them.
            kind = finer;
        }

        if (headed is { } h && h != kind)
        {
            // The header's statistic stands where the metadata names it too, in the definition's words where they
            // are finer (Sold_Usedkt defined as "Sold or used by producers": sold-or-used).
            var named = definedKinds.Where(k => Agrees(h, k)).Concat(labelKinds.Where(k => k == h)).ToList();
            if (named.Count > 0)
            {
                kind = named[0];
            }
            else
            {
                problems.Add($"{where}: the header names {WireEnum.Text(h)}, where {metaFile} describes this column as '{attribute.Label}' ({WireEnum.Text(kind)}); the columns do not line up with their definitions.");
                return null;
            }
        }

        var (detail, note) = Sentences(attribute.Definition);
        if ((attribute.Unit ?? UnitOfDefinition(kind, attribute.Definition, detail)) is not { Length: > 0 } unit)
        {
            problems.Add($"{where}: {metaFile} gives '{attribute.Label}' no unit.");
            return null;
        }

        return new Column(index, header, kind, detail, note, unit, EstimatedYears(attribute.Definition, years),
            attribute.Definition.Contains("If negative", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The unit a definition states where the attribute gives none: net import reliance "as a percentage of …" is in
    /// percent, "Employment: Mine and mill, number" in number.
    /// </summary>
    private static string? UnitOfDefinition(UsStatisticKind kind, string definition, string detail) => kind switch
    {
        UsStatisticKind.NetImportReliance when definition.StartsWith("Net import reliance as a percentage", StringComparison.OrdinalIgnoreCase) => "percent",
        UsStatisticKind.Employment when detail.EndsWith(", number", StringComparison.OrdinalIgnoreCase) => "number",
        _ => null,
    };

    /// <summary>
    /// The statistics a label's parts name, in order: parts split at '_', spaces and commas, and where a lowercase
    /// letter meets a capital ("USprodCrude_t": USprod, Crude; "SoldFinished_t": Sold, Finished).
    /// </summary>
    private static List<UsStatisticKind> KindsOfLabel(string label)
    {
        var kinds = new List<UsStatisticKind>();
        foreach (var part in label.Split(['_', ' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in new[] { part }.Concat(CamelBoundary().Split(part)))
            {
                if (LabelParts.TryGetValue(word, out var kind) && !kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
        }

        return kinds;
    }

    /// <summary>
    /// Whether a definition opening as <paramref name="defined"/> agrees with a name meaning <paramref name="named"/>:
    /// the same statistic, or one whose words begin with its words ("Sold or used by producers" and Sold_Usedkt).
    /// </summary>
    private static bool Agrees(UsStatisticKind named, UsStatisticKind defined) =>
        named == defined || WireEnum.Text(defined).StartsWith(WireEnum.Text(named) + "-", StringComparison.Ordinal);

    /// <summary>
    /// The statistics a definition's opening words and the words after its first colon name, in that order
    /// ("U.S. production: Sold or used.": production, sold-or-used).
    /// </summary>
    private static List<UsStatisticKind> KindsOfDefinition(string definition)
    {
        var kinds = new List<UsStatisticKind>();
        foreach (var text in new[] { definition, definition[(definition.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimStart() })
        {
            foreach (var (words, kind) in DefinitionWords)
            {
                if (text.StartsWith(words, StringComparison.OrdinalIgnoreCase))
                {
                    if (!kinds.Contains(kind))
                    {
                        kinds.Add(kind);
                    }

                    break;
                }
            }
        }

        return kinds;
    }

    /// <summary>
    /// The definition's first sentence (the detail, as MCS 2026 prints its Statistics_detail) and the rest (the note).
    /// "U.S." ends no sentence.
    /// </summary>
    internal static (string Detail, string? Note) Sentences(string definition)
    {
        var text = string.Join(' ', definition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        foreach (Match m in SentenceEnd().Matches(text))
        {
            if (text[..m.Index].EndsWith("U.S", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = text[(m.Index + m.Length)..].Trim();
            return (text[..m.Index].Trim(), rest.Length > 0 ? rest : null);
        }

        return (text.TrimEnd('.').Trim(), null);
    }

    /// <summary>
    /// Which years the definition says are estimated: "Data are estimated for the most recent year" (the file's last
    /// year), "… the most recent two years", "… for all years", "… for 2022 and 2023". Other wording marks none.
    /// </summary>
    private static Func<int, bool> EstimatedYears(string definition, IReadOnlyList<int> years)
    {
        var last = years.Count > 0 ? years.Max() : 0;
        var m = EstimatedFor().Match(definition);
        if (!m.Success)
        {
            return _ => false;
        }

        var what = m.Groups["what"].Value;
        if (what.StartsWith("all years", StringComparison.OrdinalIgnoreCase))
        {
            return _ => true;
        }

        if (what.StartsWith("the most recent two years", StringComparison.OrdinalIgnoreCase))
        {
            return y => y >= last - 1;
        }

        if (what.StartsWith("the most recent year", StringComparison.OrdinalIgnoreCase) || what.StartsWith("the most current year", StringComparison.OrdinalIgnoreCase))
        {
            return y => y == last;
        }

        var named = FourDigitYear().Matches(what).Select(y => int.Parse(y.Value, CultureInfo.InvariantCulture)).ToHashSet();
        return named.Contains;
    }

    private static string[][] Records(string csv, string file)
    {
        using var reader = new StringReader(csv);
        using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        try
        {
            while (parser.Read())
            {
                records.Add(parser.Record ?? []);
            }
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new InvalidDataException($"{file}: not a well-formed CSV file (truncated?): {e.Message.Split('\n')[0]}", e);
        }

        return records.Count > 0 ? [.. records] : throw new InvalidDataException($"{file}: no header row.");
    }

    /// <summary>
    /// The attributes of the metadata's salient-statistics entity, in order. The platinum-group metals file prints a bare
    /// '&amp;' ("S&amp;P Global"), which is not XML: such an ampersand is read as the character it stands for.
    /// </summary>
    private static List<Attribute> Attributes(string meta, string file, string metaFile)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(BareAmpersand().Replace(meta, "&amp;"));
        }
        catch (System.Xml.XmlException e)
        {
            throw new InvalidDataException($"{metaFile}: not well-formed XML (line {e.LineNumber}, position {e.LinePosition}).", e);
        }

        var entities = document.Descendants("detailed").ToList();
        var entity = entities.FirstOrDefault(d => ((string?)d.Element("enttyp")?.Element("enttypl") ?? "").Contains("salient", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidDataException($"{metaFile}: describes no salient-statistics file (entities: {string.Join(", ", entities.Select(d => (string?)d.Element("enttyp")?.Element("enttypl")))}), so {file}'s columns have no definitions.");
        return [.. entity.Elements("attr").Select(a => new Attribute(
            ((string?)a.Element("attrlabl") ?? "").Trim(),
            ((string?)a.Element("attrdef") ?? "").Trim(),
            a.Descendants("attrunit").Select(u => u.Value.Trim()).FirstOrDefault(u => u.Length > 0)))];
    }

    /// <summary>
    /// "Less than 500 carats." in a column of million carats (diamond's stone exports): an upper bound the cell states in
    /// the base of the column's unit, read as that bound in the column's unit (500 carats = 0.0005 million carats), the
    /// note saying so. Only a unit that is "thousand" or "million" of the cell's own word is read; anything else is no bound.
    /// </summary>
    private static (double Value, string Note)? BoundInSmallerUnit(string raw, string unit)
    {
        if (LessThanUnits().Match(raw) is not { Success: true } m
            || !double.TryParse(m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var words = unit.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length != 2 || !words[1].Equals(m.Groups["unit"].Value, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        double? scale = words[0].ToLowerInvariant() switch { "thousand" => 1e3, "million" => 1e6, _ => null };
        if (scale is not { } s)
        {
            return null;
        }

        var bound = n / s;
        return (bound, $"Less than {m.Groups["n"].Value} {m.Groups["unit"].Value}: an upper bound, {bound.ToString("0.##########", CultureInfo.InvariantCulture)} {unit} in the column's unit.");
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    [GeneratedRegex(@"&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)")]
    private static partial Regex BareAmpersand();

    [GeneratedRegex(@"\.(\s+(?=[A-Z(])|\s*$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"(?:Data are|Data is|Data were|are) estimated for (?<what>[^.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex EstimatedFor();

    [GeneratedRegex(@"^Less than (?<n>\d[\d,]*(\.\d+)?)\s+(?<unit>[A-Za-z]+)\.?$")]
    private static partial Regex LessThanUnits();

    [GeneratedRegex(@"(?<=[a-z])(?=[A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"\b\d{4}\b")]
    private static partial Regex FourDigitYear();
}
