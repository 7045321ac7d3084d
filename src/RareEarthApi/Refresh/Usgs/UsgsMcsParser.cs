using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using RareEarthApi.Commodities;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>What one MCS file gave: observations of every commodity, and every problem found (never guessed around).</summary>
internal sealed record UsgsParseResult(IReadOnlyList<Observation> Rows, IReadOnlyList<string> Problems, IReadOnlyList<string> Formats)
{
    /// <summary>The U.S. salient statistics and import sources, where the format carries them (MCS 2026 long).</summary>
    public UsgsUsTablesResult Us { get; init; } = UsgsUsTablesResult.Empty;
}

/// <summary>
/// Parses the USGS Mineral Commodity Summaries data releases in each format seen so far, chosen by header signature:
/// per-commodity wide (MCS 2024, mcs2024-raree_world.csv), all-commodity wide (MCS 2025, in a zip) and all-commodity
/// long (MCS 2026, Windows-1252). Every commodity's mine production and reserves become <see cref="Observation"/>s
/// (commodity ids as slugs); tokens are kept as status (W withheld, NA not available, — zero, XX not applicable,
/// E net exporter, &gt;N lower bound); country labels go through the crosswalk, and a label it lacks is a problem.
/// An unknown header is an error naming the formats known.
/// </summary>
internal static partial class UsgsMcsParser
{
    /// <summary>The measure of the production dataset's rows (every stage but reserves).</summary>
    public const string MineProductionMeasure = "mine-production";
    public const string Reserves = "reserves";

    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static UsgsParseResult ParseFile(string path, string fileName, string edition, CountryCatalog countries, UsgsCommodityNames names)
    {
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (entries.Count == 0)
            {
                throw new InvalidDataException($"{fileName}: the zip holds no .csv file (it holds {string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
            }

            var results = new List<UsgsParseResult>();
            foreach (var entry in entries)
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                results.Add(Parse(Decode(buffer.ToArray()), $"{fileName}/{entry.FullName}", edition, countries, names));
            }

            return new UsgsParseResult(results.SelectMany(r => r.Rows).ToList(), results.SelectMany(r => r.Problems).ToList(), results.SelectMany(r => r.Formats).ToList())
            {
                Us = new([.. results.SelectMany(r => r.Us.Statistics)], [.. results.SelectMany(r => r.Us.ImportSources)]),
            };
        }

        return Parse(Decode(File.ReadAllBytes(path)), fileName, edition, countries, names);
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise Windows-1252, as MCS 2026 is written.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            var text = Utf8Strict.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
    }

    public static UsgsParseResult Parse(string text, string file, string edition, CountryCatalog countries, UsgsCommodityNames names)
    {
        using var reader = new StringReader(text);
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows;
        try
        {
            rows = CsvFiles.Read(reader, file);
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new InvalidDataException($"{file}: not a well-formed CSV file (truncated?): {e.Message.Split('\n')[0]}", e);
        }

        var header = rows.Count > 0 ? rows[0].Keys.ToList() : ReadHeader(text);
        var figures = new List<Figure>();
        var problems = new List<string>();
        string format;
        var us = UsgsUsTablesResult.Empty;
        if (Has(header, "MCS chapter", "Section", "Commodity", "Country", "Statistics", "Statistics_detail", "Unit", "Year", "Value"))
        {
            format = "mcs-long (2026)";
            ReadLong(rows, file, figures, problems);
            us = UsgsUsTables.Read(rows, file, edition, countries, names, problems);
        }
        else if (Has(header, "SOURCE", "COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS") && header.Any(h => ProductionColumn().IsMatch(h)))
        {
            format = "mcs-wide-all (2025)";
            ReadWideAll(rows, header, file, figures);
        }
        else if (Has(header, "Source", "Country", "Type") && header.Any(h => ProductionColumn().IsMatch(h)))
        {
            format = "mcs-wide-commodity (2024)";
            ReadWideCommodity(rows, header, file, figures);
        }
        else
        {
            throw new InvalidDataException(
                $"{file}: unknown header '{string.Join(",", header)}'. Known MCS formats: long (MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,...), " +
                "all-commodity wide (SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_yyyy,...), per-commodity wide (Source,Country,Type,Prod_t_yyyy,...). " +
                "Refusing to guess: add a parser for the new format.");
        }

        var observations = ToObservations(figures, edition, countries, names, problems);
        return new UsgsParseResult(observations, problems, [format]) { Us = us };
    }

    /// <summary>
    /// Checks a dataset's rows as the API will serve them: known status, a value unless the status says why not,
    /// no negative tonnage, no two rows for one commodity, country, year and edition.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Observation> rows)
    {
        var problems = new List<string>();
        var seen = new HashSet<(string, string, string, string?, int, string, string)>();
        foreach (var r in rows)
        {
            if (!ObservationStatus.All.Contains(r.Status))
            {
                problems.Add($"{r.Commodity} {r.Country} {r.Year}: unknown status '{r.Status}'.");
            }

            if (r.Value is null && !ObservationStatus.AllowsNull(r.Status))
            {
                problems.Add($"{r.Commodity} {r.Country} {r.Year}: no value for a {r.Status} figure.");
            }

            if (r.Value < 0)
            {
                problems.Add($"{r.Commodity} {r.Country} {r.Year}: negative value {r.Value}.");
            }

            if (!seen.Add((r.Commodity, r.Stage, r.Country, r.CountryQualifier, r.Year, r.Edition, r.Version)))
            {
                problems.Add($"{r.Commodity} {r.Stage} {r.Country} ({r.SourceLabel}) {r.Year} {r.Edition}: duplicate row.");
            }
        }

        return problems;
    }

    private sealed record Figure(
        string Measure, string Stage, string CommodityName, string Label, int Year, string Raw, bool Estimated, string Unit, string Form, string? Note,
        string Where, string Column, bool? Critical);

    private static void ReadLong(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string file, List<Figure> figures, List<string> problems)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            if (!r["Section"].StartsWith("World", StringComparison.OrdinalIgnoreCase) || r["Value"].Trim().Length == 0)
            {
                continue;
            }

            var statistic = r["Statistics"].Trim();
            if (!statistic.Equals("Production", StringComparison.OrdinalIgnoreCase) && !statistic.Equals("Reserves", StringComparison.OrdinalIgnoreCase)
                && !statistic.Equals("Capacity", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}, column Statistics: '{statistic}' is none of Production, Reserves, Capacity in a world table.");
                continue;
            }

            var detail = r["Statistics_detail"].Trim();
            var stage = ObservationStage.Of(statistic, detail);
            var yearText = r["Year"].Trim();
            int year;
            string? yearNote = null;
            if (YearRange().Match(yearText) is { Success: true } range)
            {
                // A period such as 2021–24: filed under its last year, the period kept in the note.
                year = int.Parse(range.Groups[1].Value[..2] + range.Groups[2].Value, CultureInfo.InvariantCulture);
                yearNote = $"Period {yearText}.";
            }
            else if (!int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out year))
            {
                problems.Add($"{where}, column Year: '{yearText}' is not a year.");
                continue;
            }

            var notes = (r.GetValueOrDefault("Notes") ?? "").Split(" -- ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var estimated = notes.Any(n => n.StartsWith("Estimated", StringComparison.OrdinalIgnoreCase));
            var kept = notes.Where(n => !n.Equals("Estimated.", StringComparison.OrdinalIgnoreCase) && !n.Equals("Reported.", StringComparison.OrdinalIgnoreCase)
                                        && !n.StartsWith("See Appendix C", StringComparison.OrdinalIgnoreCase)).ToList();
            if (yearNote is not null)
            {
                kept.Insert(0, yearNote);
            }

            var form = Basis(Form(detail), r.GetValueOrDefault("Other notes") ?? "");
            var critical = r.GetValueOrDefault("Is critical mineral 2025")?.Trim() switch { "Yes" => true, "No" => false, _ => (bool?)null };
            figures.Add(new Figure(MeasureOf(stage), stage, r["Commodity"], r["Country"], year, r["Value"], estimated, Unit(r["Unit"]), form,
                kept.Count > 0 ? string.Join(" ", kept) : null, where, "Value", critical));
        }
    }

    private static void ReadWideAll(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> header, string file, List<Figure> figures)
    {
        var production = header.Select(h => (h, m: ProductionColumn().Match(h))).Where(x => x.m.Success).ToList();
        var capacity = header.Select(h => (h, m: CapacityColumn().Match(h))).Where(x => x.m.Success).ToList();
        var reserves = header.Select(h => (h, m: ReservesColumn().Match(h))).Where(x => x.m.Success).ToList();
        // MCS 2025 repeats magnesium metal's capacity in its reserves column, with the note "Moved to capacity column
        // not a reserve" on one row: the file itself says those cells are no reserves.
        var notReserves = rows.Where(r => (r.GetValueOrDefault("RESERVE_NOTES") ?? "").Contains("not a reserve", StringComparison.OrdinalIgnoreCase))
            .Select(r => UsgsCommodityNames.Clean(r["COMMODITY"])).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Where the notes say the reserves are in another unit ("(Reserve data is thousand metric tons)", "Crude Ore,
        // million metric tons"), every reserve of that table is in it.
        var reserveUnits = rows.Select(r => (Key: (UsgsCommodityNames.Clean(r["COMMODITY"]), r["TYPE"].Trim()), Unit: ReserveUnitNote().Match(r.GetValueOrDefault("RESERVE_NOTES") ?? "")))
            .Where(x => x.Unit.Success).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Unit.Value.ToLowerInvariant());
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            var type = r["TYPE"].Trim();
            var unit = Unit(r["UNIT_MEAS"]);
            var form = Basis(Form(type), "");
            var prodNote = Note(r.GetValueOrDefault("PROD_NOTES"));
            var reserveNotes = r.GetValueOrDefault("RESERVE_NOTES") ?? "";
            // A token (NA, Large) can sit in the notes column with the value cell empty (Burma: "", "NA").
            var reserveToken = IsToken(reserveNotes) ? reserveNotes.Trim() : "";
            var hasFigure = production.Concat(capacity).Concat(reserves).Any(c => r[c.h].Trim().Length > 0) || reserveToken.Length > 0;
            var productionStage = ObservationStage.Of("Production", type);
            // A capacity table ("Clinker capacity, estimated") prints its figures in the PROD_ columns.
            if (productionStage != ObservationStage.Reserves)
            {
                foreach (var (column, m) in production)
                {
                    // MCS 2025 leaves a production cell empty where the summary prints a dash (none produced), on a
                    // row that has figures elsewhere; a row with no figure at all is a country the table does not fill.
                    var raw = r[column].Trim().Length == 0 ? hasFigure && !productionStage.EndsWith("-capacity", StringComparison.Ordinal) ? "—" : "" : r[column];
                    if (raw.Length > 0)
                    {
                        figures.Add(new Figure(MineProductionMeasure, productionStage, r["COMMODITY"], r["COUNTRY"], Year(m), raw, m.Groups["est"].Success, unit, form, prodNote, where, column, null));
                    }
                }
            }

            var capacityStage = ObservationStage.Of("Capacity", type);
            foreach (var (column, m) in capacity)
            {
                if (r[column].Trim().Length > 0)
                {
                    figures.Add(new Figure(MineProductionMeasure, capacityStage, r["COMMODITY"], r["COUNTRY"], Year(m), r[column], m.Groups["est"].Success, unit, form,
                        Note(r.GetValueOrDefault("CAP_NOTES")), where, column, null));
                }
            }

            foreach (var (column, m) in notReserves.Contains(UsgsCommodityNames.Clean(r["COMMODITY"])) ? [] : reserves)
            {
                var raw = r[column].Trim().Length > 0 ? r[column] : reserveToken;
                if (raw.Length > 0)
                {
                    var reserveUnit = reserveUnits.TryGetValue((UsgsCommodityNames.Clean(r["COMMODITY"]), type), out var stated) ? stated : unit;
                    figures.Add(new Figure(Reserves, ObservationStage.Reserves, r["COMMODITY"], r["COUNTRY"], Year(m), raw, false, reserveUnit, form,
                        reserveToken.Length > 0 ? null : Note(reserveNotes), where, r[column].Trim().Length > 0 ? column : "RESERVE_NOTES", null));
                }
            }
        }
    }

    private static void ReadWideCommodity(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> header, string file, List<Figure> figures)
    {
        var production = header.Select(h => (h, m: ProductionColumn().Match(h))).Where(x => x.m.Success).ToList();
        var reserves = header.Where(h => h.StartsWith("Reserves", StringComparison.OrdinalIgnoreCase) && !h.Contains("notes", StringComparison.OrdinalIgnoreCase)).ToList();
        var reserveYear = production.Count > 0 ? production.Max(p => Year(p.m)) : 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            // "Rare earths, mine production, rare-earth-oxide equivalent, metric tons"
            var type = r["Type"].Split(',', StringSplitOptions.TrimEntries);
            if (type.Length < 2)
            {
                continue;
            }

            var stage = ObservationStage.Of("Production", type[1]);
            var basis = Basis(string.Join(", ", type.Skip(2).Take(Math.Max(0, type.Length - 3))), "");
            var prodNote = Note(r.GetValueOrDefault("Prod_notes"));
            foreach (var (column, m) in production)
            {
                if (r[column].Length > 0)
                {
                    figures.Add(new Figure(MeasureOf(stage), stage, type[0], r["Country"], Year(m), r[column], m.Groups["est"].Success, UnitToken(m, type), basis, prodNote, where, column, null));
                }
            }

            foreach (var column in reserves)
            {
                if (r[column].Length > 0)
                {
                    var unit = ReserveUnit().Match(column) is { Success: true } u ? u.Groups[1].Value : UnitToken(production[0].m, type);
                    figures.Add(new Figure(Reserves, ObservationStage.Reserves, type[0], r["Country"], reserveYear, r[column], false, unit, basis,
                        Note(r.GetValueOrDefault("Reserves_notes")), where, column, null));
                }
            }
        }
    }

    private static List<Observation> ToObservations(List<Figure> figures, string edition, CountryCatalog countries, UsgsCommodityNames names, List<string> problems)
    {
        var unknown = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var resolved = new List<(Figure Figure, string BaseId, string Form, SourceLabelMatch Match)>();
        foreach (var f in figures)
        {
            var label = string.Join(' ', f.Label.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var baseId = names.Id(f.CommodityName);
            if (countries.ResolveSourceLabel(label) is not { } match)
            {
                if (!unknown.TryGetValue(label, out var commodities))
                {
                    unknown[label] = commodities = new SortedSet<string>(StringComparer.Ordinal);
                }

                commodities.Add(baseId);
                continue;
            }

            resolved.Add((f with { Label = label }, baseId, names.Form(baseId, f.Form), match));
        }

        // A commodity given in more than one form at one stage, each form a table with its own World total (usable
        // ore and iron content, kaolin and bentonite), gets one id per form: their figures do not add up. A form
        // printed for a few countries only ("Mine production: beneficiated, marketable") is that country's note.
        var tables = resolved.Where(x => x.Match.Country.Iso3 == "WLD" && x.Form.Length > 0 && x.Form != "REO")
            .GroupBy(x => (x.BaseId, x.Figure.Stage))
            .Select(g => (g.Key, Forms: g.Select(x => x.Form).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
            .Where(g => g.Forms.Count > 1)
            .ToDictionary(g => g.Key, g => g.Forms.ToHashSet(StringComparer.OrdinalIgnoreCase));
        var rows = new List<Observation>();
        foreach (var (f, baseId, form, match) in resolved)
        {
            var (value, status, tokenNote, low, high) = Value(f.Raw, f.Estimated);
            if (status is null)
            {
                problems.Add($"{f.Where}, column {f.Column}: value '{f.Raw.Trim()}' is neither a number, a range, a bound nor a known token.");
                continue;
            }

            var commodity = tables.TryGetValue((baseId, f.Stage), out var forms) && forms.Contains(form) ? $"{baseId}-{Slug(form)}" : baseId;
            var note = string.Join(" ", new[] { tokenNote, f.Note }.Where(n => !string.IsNullOrEmpty(n)));
            rows.Add(new Observation(f.Measure, commodity, match.Country.Iso3, f.Label, f.Year, value, status, f.Unit, form, note.Length > 0 ? note : null, edition,
                f.Stage, low, high, "", UsgsCommodityNames.Clean(f.CommodityName), f.Critical, match.Qualifier));
        }

        foreach (var (label, commodities) in unknown)
        {
            problems.Add($"country label '{label}' ({string.Join(", ", commodities)}) is not in the country crosswalk; add it to Seed/countries.csv as a name or alias.");
        }

        // The same figure printed twice (a reserve repeated on two rows of one country) is one row.
        return rows.DistinctBy(r => r).ToList();
    }

    /// <summary>
    /// A value cell: a number (with thousands separators), a bound (&gt;, &lt;), a range (10,000 - 15,000; 15–25),
    /// or a token the status keeps. Null status: the cell cannot be read.
    /// </summary>
    internal static (double? Value, string? Status, string? Note, double? Low, double? High) Value(string raw, bool estimated)
    {
        var t = raw.Trim();
        switch (t)
        {
            case "—" or "–" or "-" or "--":
                return (0, ObservationStatus.Zero, null, null, null);
            case "W":
                return (null, ObservationStatus.Withheld, "Withheld to avoid disclosing company proprietary data (W).", null, null);
            case "NA" or "na":
                return (null, ObservationStatus.NotAvailable, null, null, null);
            case "XX" or "xx":
                return (null, ObservationStatus.NotApplicable, null, null, null);
            case "E":
                return (null, ObservationStatus.NotApplicable, "Net exporter (E).", null, null);
            case "s":
                return (null, ObservationStatus.Negligible, "Less than one-half unit (s).", null, null);
        }

        if (RangeValue().Match(t) is { Success: true } range && Number(range.Groups[1].Value) is { } low && Number(range.Groups[2].Value) is { } high)
        {
            return (null, ObservationStatus.Range, $"The source gives the range '{t}'.", low, high);
        }

        if (t.Length > 1 && t[0] is '>' or '<' && Number(t[1..]) is { } bound)
        {
            return (bound, t[0] == '>' ? ObservationStatus.LowerBound : ObservationStatus.UpperBound, null, null, null);
        }

        if (Number(t) is { } value)
        {
            return value == 0 ? (0, ObservationStatus.Zero, null, null, null)
                : (value, estimated ? ObservationStatus.Estimated : ObservationStatus.Reported, null, null, null);
        }

        if (t.Length > 0 && t.All(c => char.IsLetter(c) || c is ' ' or ',' or '-'))
        {
            // Words such as "Large", "Small" or "Moderate to large": no number to serve, the words kept.
            return (null, ObservationStatus.NotAvailable, $"The source gives '{t}'.", null, null);
        }

        return (null, null, null, null, null);
    }

    private static double? Number(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || !(char.IsAsciiDigit(t[0]) || t[0] == '.') || !ThousandsNumber().IsMatch(t))
        {
            return null;
        }

        return double.TryParse(t.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static string MeasureOf(string stage) => stage == ObservationStage.Reserves ? Reserves : MineProductionMeasure;

    /// <summary>What a table's words say beside the stage: "Mine production: Usable ore" → "Usable ore"; "Alumina, refinery production" → "Alumina".</summary>
    internal static string Form(string detail)
    {
        var text = StageWords().Replace(detail, " ");
        text = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        text = text.Replace(" ,", ",", StringComparison.Ordinal).Replace(", (", " (", StringComparison.Ordinal).Replace(" :", ":", StringComparison.Ordinal);
        return text.Trim(' ', ',', ':', ';', '.', '-', '—');
    }

    internal static string Slug(string text) => UsgsCommodityNames.Slug(text);

    private static string Unit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "metric tons" or "metric tons (t)" or "t" => "t",
        "thousand metric tons" => "kt",
        "million metric tons" => "Mt",
        "kilograms" => "kg",
        var other => other,
    };

    private static string UnitToken(Match production, string[] type) =>
        production.Groups["unit"].Success ? production.Groups["unit"].Value : Unit(type[^1]);

    private static string Basis(string qualifier, string context)
    {
        var text = qualifier.Length > 0 ? qualifier : context;
        return text.Contains("rare-earth-oxide", StringComparison.OrdinalIgnoreCase) || text.Contains("(REO)", StringComparison.Ordinal)
            ? "REO"
            : qualifier.Trim();
    }

    private static string? Note(string? text) => string.IsNullOrWhiteSpace(text) || IsToken(text) ? null : text.Trim();

    private static bool IsToken(string text) =>
        text.Trim().ToLowerInvariant() is "na" or "w" or "xx" or "e" or "—" or "large" or "small" or "moderate" or "moderate to large" or "very small";

    private static int Year(Match m) => int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);

    private static bool Has(IReadOnlyList<string> header, params string[] columns) =>
        columns.All(c => header.Contains(c, StringComparer.Ordinal));

    private static List<string> ReadHeader(string text) =>
        (text.Split('\n', 2)[0]).Split(',').Select(h => h.Trim().Trim('"')).ToList();

    // PROD_2023, PROD_EST_ 2024 (sic, with the space), Prod_t_est_2022, Prod_kt_2023
    [GeneratedRegex(@"^(?:PROD|Prod)_(?:(?<unit>(?!est_)[a-z]+)_)?(?<est>(?:EST|est)_\s*)?(?<year>\d{4})$")]
    private static partial Regex ProductionColumn();

    [GeneratedRegex(@"^CAP_(?<est>EST_\s*)?(?<year>\d{4})$")]
    private static partial Regex CapacityColumn();

    // 10,000 - 15,000; 15–25; 500–17,000
    [GeneratedRegex(@"^([\d.,]+)\s*[–-]\s*([\d.,]+)$")]
    private static partial Regex RangeValue();

    [GeneratedRegex(@"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\.\d+$")]
    private static partial Regex ThousandsNumber();

    // The stage's words, "rounded" (a World total) and "estimated" (a status), as the tables print them (poduction sic).
    [GeneratedRegex(@"\b(mine|refinery|smelter|plant|primary|production|poduction|capacity|reserves|rounded|estimated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StageWords();

    [GeneratedRegex(@"(thousand|million) metric tons", RegexOptions.IgnoreCase)]
    private static partial Regex ReserveUnitNote();

    [GeneratedRegex(@"^RESERVES_(?<year>\d{4})$")]
    private static partial Regex ReservesColumn();

    [GeneratedRegex(@"^Reserves_([a-z]+)$")]
    private static partial Regex ReserveUnit();

    [GeneratedRegex(@"^(\d{4})\s*[–-]\s*(\d{2})$")]
    private static partial Regex YearRange();
}
