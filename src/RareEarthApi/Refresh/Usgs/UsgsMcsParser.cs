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

    /// <param name="meta">The file's metadata (path and name), where its columns are described only there (MCS 2024's salient statistics).</param>
    public static UsgsParseResult ParseFile(string path, string fileName, string edition, CountryCatalog countries, UsgsCommodityNames names, (string Path, string Name)? meta = null)
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

        var metaText = meta is { } m ? (Decode(File.ReadAllBytes(m.Path)), m.Name) : ((string, string)?)null;
        return Parse(Decode(File.ReadAllBytes(path)), fileName, edition, countries, names, metaText);
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

    public static UsgsParseResult Parse(string text, string file, string edition, CountryCatalog countries, UsgsCommodityNames names, (string Text, string Name)? meta = null)
    {
        using var reader = new StringReader(text);
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows;
        var firstLine = ReadHeader(text);
        if (UsgsSalientWide.IsSalientHeader(firstLine))
        {
            if (meta is not { } m)
            {
                throw new InvalidDataException($"{file}: MCS 2024 salient statistics, whose columns only the release's metadata file describes, and no {Path.GetFileNameWithoutExtension(file).Replace("_salient", "_meta", StringComparison.OrdinalIgnoreCase)}.xml came with it.");
            }

            var salientProblems = new List<string>();
            var salient = UsgsSalientWide.Read(text, m.Text, file, m.Name, edition, names, salientProblems);
            return new UsgsParseResult([], salientProblems, [$"mcs-salient-wide (2024), {salient.Statistics.Count} U.S. statistics"]) { Us = salient };
        }

        // MCS 2024's per-commodity files end each row at its last filled cell (potash: 8 fields under a 9-column header).
        var perCommodity = firstLine.Count > 2 && firstLine[0] == "Source" && firstLine[1] == "Country";
        try
        {
            rows = CsvFiles.Read(reader, file, raggedRows: perCommodity);
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new InvalidDataException($"{file}: not a well-formed CSV file (truncated?): {e.Message.Split('\n')[0]}", e);
        }

        var header = rows.Count > 0 ? rows[0].Keys.ToList() : ReadHeader(text);
        var figures = new List<Figure>();
        var problems = new List<string>();
        var notes = new List<string>();
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
        else if (perCommodity && header.Skip(3).Any(h => WideColumn.Read(h) is { Notes: false }))
        {
            format = "mcs-wide-commodity (2024)";
            ReadWideCommodity(rows, header, file, names, figures, problems, notes);
        }
        else
        {
            throw new InvalidDataException(
                $"{file}: unknown header '{string.Join(",", header)}'. Known MCS formats: long (MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,...), " +
                "all-commodity wide (SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_yyyy,...), per-commodity wide (Source,Country,Type,Prod_t_yyyy,Cap_kt_yyyy,Reserves_t,..._notes). " +
                "Refusing to guess: add a parser for the new format.");
        }

        var observations = ToObservations(figures, edition, countries, names, problems);
        return new UsgsParseResult(observations, problems, [format, .. notes]) { Us = us };
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
            // A detail that is a sentence (MCS 2026's slag: "steel slag production was estimated to be between 190 million
            // and 290 million tons") is a note; its form is the label before the stage word ("steel slag"), or none.
            string? sentence = null;
            if (SentenceVerb().IsMatch(detail))
            {
                sentence = detail.TrimEnd(' ', ',', '.') + ".";
                detail = SentenceLabel().Match(detail) is { Success: true } label ? WorldPrefix().Replace(label.Groups["label"].Value, "") : "";
            }

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
            if (sentence is not null)
            {
                kept.Insert(0, sentence);
            }

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
        // million metric tons"), every reserve of that table is in it, and of the basis they name ("Crude Ore").
        var reserveStated = rows.Select(r => (Key: (UsgsCommodityNames.Clean(r["COMMODITY"]), r["TYPE"].Trim()), Stated: ReserveStated(r.GetValueOrDefault("RESERVE_NOTES"))))
            .Where(x => x.Stated.Unit is not null).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Stated);
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
                    var stated = reserveStated.GetValueOrDefault((UsgsCommodityNames.Clean(r["COMMODITY"]), type));
                    figures.Add(new Figure(Reserves, ObservationStage.Reserves, r["COMMODITY"], r["COUNTRY"], Year(m), raw, false, stated.Unit ?? unit, stated.Basis ?? form,
                        reserveToken.Length > 0 ? null : Note(reserveNotes), where, r[column].Trim().Length > 0 ? column : "RESERVE_NOTES", null));
                }
            }
        }
    }

    /// <summary>
    /// MCS 2024: one file per commodity (mcs2024-raree_world.csv), the commodity named by the file's code
    /// (Seed/usgs-file-codes.csv), the table's words in the third column (Type), and value columns whose names carry
    /// the measure, a qualifier, the unit, "est" and the year (Prod_kt_est_2023, Cap_Sponge_t_2023, Reserves_ore_K2O_equiv_kt).
    /// A column that is none of these fails the file: a new layout is parsed by new code, never guessed.
    /// </summary>
    private static void ReadWideCommodity(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> header, string file, UsgsCommodityNames names,
        List<Figure> figures, List<string> problems, List<string> notes)
    {
        var notApplicable = 0;
        var typeColumn = header[2];
        var columns = new List<(string Name, WideColumn Column)>();
        foreach (var h in header.Skip(3).Where(h => h.Length > 0))
        {
            columns.Add((h, WideColumn.Read(h) ?? throw new InvalidDataException(
                $"{file}: unknown column '{h}' in header '{string.Join(",", header.Where(x => x.Length > 0))}'. Known per-commodity columns: Prod_/Cap_/Reserves_ " +
                "with a unit (t, kt, Mt as mmt or Mt, kg, mct, kct, mcm), est and a year, and their _note(s) columns. Refusing to guess: add a parser for the new format.")));
        }

        var code = ReleaseFileCode(Path.GetFileName(file), "world");
        var commodity = code is null ? null : names.FileCommodity(code);
        if (commodity is null)
        {
            throw new InvalidDataException($"{file}: no commodity for file code '{code ?? file}'; add it to Seed/usgs-file-codes.csv.");
        }

        var values = columns.Where(c => !c.Column.Notes).ToList();
        var years = values.Where(c => c.Column.Year is not null).Select(c => c.Column.Year!.Value).ToList();
        var lastYear = years.Count > 0 ? years.Max() : 0;
        string? NoteOf(IReadOnlyDictionary<string, string> r, string kind) =>
            columns.Where(c => c.Column.Notes && c.Column.Kind == kind).Select(c => r[c.Name]).FirstOrDefault(n => n.Trim().Length > 0);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            if (r["Country"].Trim().Length == 0 && values.All(c => r[c.Name].Trim().Length == 0))
            {
                continue;
            }

            // "World total mine production: Ilmenite" is the world row of "Mine production: Ilmenite"; the commodity's
            // name before and the unit after the table's words are said elsewhere ("Iron ore - mine production - usable
            // ore -thousand metric tons" is the usable-ore table).
            var type = WorldPrefix().Replace(r[typeColumn].Trim(), "");
            type = TypeUnit().Replace(type, "");
            if (type.StartsWith(commodity, StringComparison.OrdinalIgnoreCase) && type[commodity.Length..].TrimStart() is [',' or '-' or ':', ..] rest)
            {
                type = rest.TrimStart(',', ' ', '-', ':');
            }

            foreach (var (name, column) in values)
            {
                var note = NoteOf(r, column.Kind);
                var raw = r[name].Trim().Length > 0 ? r[name] : column.Kind == "Reserves" && note is not null && IsToken(note) ? note.Trim() : "";
                if (raw.Length == 0)
                {
                    continue;
                }

                var words = column.Qualifier.Length > 0 ? column.Qualifier : type;
                var stage = column.Kind switch
                {
                    "Reserves" => ObservationStage.Reserves,
                    "Cap" => ObservationStage.Of("Capacity", words),
                    _ => ObservationStage.Of("Production", words),
                };
                if (column.Kind == "Reserves" && raw.Trim() is "XX" && ObservationStage.Of("Production", words) is ObservationStage.RefineryProduction
                        or ObservationStage.SmelterProduction or ObservationStage.PlantProduction)
                {
                    // "XX" in the reserves column of a refinery's rows (alumina beside bauxite) is the wide layout's cell,
                    // not a reserves table: reserves are not applicable to what a plant makes.
                    notApplicable++;
                    continue;
                }

                var unit = column.Unit is { } u ? Unit(u) : null;
                var basis = Basis(Form(words), "");
                if (column.Kind == "Reserves" && ReserveStated(note) is { Unit: { } statedUnit } stated)
                {
                    // "Crude ore, million metric tons.": the table's note states the reserves' unit, and their basis.
                    unit = statedUnit;
                    basis = stated.Basis ?? basis;
                }

                if (unit is null)
                {
                    problems.Add($"{where}, column {name}: no unit the column or its notes state.");
                    continue;
                }

                var year = column.Year ?? lastYear;
                // "Estimated in 2021 also." (or "Production in 2021 is also estimated.") in the notes of a row says its
                // figure for the earlier year, in a column without "est", is an estimate too: the status says it, and
                // the note keeps only its other words.
                var estimated = column.Estimated;
                if (column.Kind != "Reserves" && note is not null && AlsoEstimated().Match(note) is { Success: true } also
                    && (!also.Groups["year"].Success || years.Contains(int.Parse(also.Groups["year"].Value, CultureInfo.InvariantCulture))))
                {
                    estimated |= !also.Groups["year"].Success || also.Groups["year"].Value == column.Year?.ToString(CultureInfo.InvariantCulture);
                    note = AlsoEstimated().Replace(note, "").Trim();
                }

                figures.Add(new Figure(MeasureOf(stage), stage, commodity, r["Country"], year, raw, estimated, unit, basis,
                    raw == note?.Trim() ? null : Note(note), where, name, null));
            }
        }

        if (notApplicable > 0)
        {
            notes.Add($"{notApplicable} reserves cells 'XX' (not applicable) on refinery, smelter or plant rows left out");
        }
    }

    /// <summary>A value column of an MCS 2024 file by its name: Prod_kt_est_2023 → Prod, kt, estimated, 2023; Prod_notes → notes.</summary>
    private sealed record WideColumn(string Kind, string Qualifier, string? Unit, bool Estimated, int? Year, bool Notes)
    {
        private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
        {
            // MCS 2024 writes million metric tons "mmt", MCS 2023 "Mt" (Prod_Mt_2021, beside "Raw steel, million metric tons").
            ["t"] = "metric tons", ["kt"] = "thousand metric tons", ["mmt"] = "million metric tons", ["Mt"] = "million metric tons", ["kg"] = "kilograms",
            ["mct"] = "million carats", ["kct"] = "thousand carats", ["mcm"] = "million cubic meters",
        };

        public static WideColumn? Read(string name)
        {
            var parts = name.Split('_');
            var kind = parts[0].ToLowerInvariant() switch { "prod" => "Prod", "cap" => "Cap", "reserves" => "Reserves", _ => null };
            if (kind is null || parts.Length < 2)
            {
                return null;
            }

            if (parts.Length == 2 && parts[1].ToLowerInvariant() is "note" or "notes")
            {
                return new WideColumn(kind, "", null, false, null, true);
            }

            var rest = parts.Skip(1).ToList();
            int? year = int.TryParse(rest[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && rest[^1].Length == 4 ? y : null;
            if (year is not null)
            {
                rest.RemoveAt(rest.Count - 1);
            }

            var estimated = rest.RemoveAll(p => p.Equals("est", StringComparison.OrdinalIgnoreCase)) > 0;
            // The unit is the last part before est and year; "mt" (iron ore's reserves) says no more than its notes do.
            var unitAt = rest.FindLastIndex(p => Units.ContainsKey(p) || p == "mt");
            if (unitAt < 0 || (kind != "Reserves" && year is null))
            {
                return null;
            }

            var unit = Units.GetValueOrDefault(rest[unitAt]);
            rest.RemoveAt(unitAt);
            return new WideColumn(kind, string.Join(' ', rest), unit, estimated, year, false);
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

        // A World row whose label names two of the table's forms together ("World total (ilmenite and rutile, rounded)",
        // printed on an ilmenite row in MCS 2025) is the total of both: a table of its own, not a second ilmenite World row.
        var formsOf = resolved.GroupBy(x => (x.BaseId, x.Figure.Stage)).ToDictionary(g => g.Key, g => g.Select(x => x.Form).ToHashSet(StringComparer.OrdinalIgnoreCase));
        resolved = [.. resolved.Select(x => x.Match.Country.Iso3 == "WLD" && CombinedForm(x.Match.Qualifier, formsOf[(x.BaseId, x.Figure.Stage)]) is { } combined && !combined.Equals(x.Form, StringComparison.OrdinalIgnoreCase)
            ? x with { Form = combined }
            : x)];

        // A commodity given in more than one form at one stage, each form a table with its own World total (usable
        // ore and iron content, kaolin and bentonite), gets one id per form: their figures do not add up. A form
        // printed for a few countries only ("Mine production: beneficiated, marketable") is that country's note. Where
        // an edition files a table under another id than the others do (MCS 2024's platinum content of platinum-group
        // metals, MCS 2026's Platinum), the registry's tables give it the others' id.
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

            var commodity = names.TableId(tables.TryGetValue((baseId, f.Stage), out var forms) && forms.Contains(form) ? $"{baseId}-{Slug(form)}" : baseId, f.Stage);
            var note = Whitespace(string.Join(" ", new[] { tokenNote, f.Note }.Where(n => !string.IsNullOrEmpty(n))));
            // The registry files a table one edition's words place at another stage under the stage the others print.
            rows.Add(new Observation(f.Measure, commodity, match.Country.Iso3, f.Label, f.Year, value, status, f.Unit, form, note.Length > 0 ? note : null, edition,
                names.Stage(commodity, f.Stage), low, high, "", UsgsCommodityNames.Clean(f.CommodityName), f.Critical, match.Qualifier));
        }

        foreach (var (label, commodities) in unknown)
        {
            problems.Add($"country label '{label}' ({string.Join(", ", commodities)}) is not in the country crosswalk; add it to Seed/countries.csv as a name or alias.");
        }

        // The same figure printed twice (a reserve repeated on two rows of one country) is one row.
        return rows.DistinctBy(r => r).ToList();
    }



    /// <summary>The label qualifier's words ("ilmenite and rutile, rounded") when they join forms the table has ("Ilmenite", "Rutile").</summary>
    private static string? CombinedForm(string? qualifier, HashSet<string> forms)
    {
        var words = Form(string.Join(" ", (qualifier ?? "").Split(';', StringSplitOptions.TrimEntries).Where(q => !q.StartsWith("footnote", StringComparison.Ordinal))));
        var parts = words.Split(" and ", StringSplitOptions.TrimEntries);
        return parts.Length > 1 && parts.All(forms.Contains) ? words : null;
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
            // MCS 2024's salient files spell it four ways.
            case "Less than ½ unit." or "Less than ½ unit" or "Less than 1/2 unit." or "Less than a half unit":
                return (null, ObservationStatus.Negligible, "Less than one-half unit.", null, null);
        }

        // MCS 2024 prints the PDF's superscript "e" (estimated) before a number: "e3,900".
        if (t.Length > 1 && t[0] == 'e' && Number(t[1..]) is { } marked)
        {
            return (marked, ObservationStatus.Estimated, null, null, null);
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

        if (t.Length > 0 && char.IsLetter(t[0]) && t.All(c => char.IsLetter(c) || c is ' ' or ',' or '-' or '.' or '"' or '“' or '”'))
        {
            // Words such as "Large", "Moderate to large", "Included in World total.", MCS 2023's "Included with “Other
            // countries.”" (curly quotes): no number to serve, the words kept.
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
        // "rutile (rounded), ..." loses its parenthesis with the word.
        var text = EmptyParenthesis().Replace(StageWords().Replace(detail, " "), " ");
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

    private static string Basis(string qualifier, string context)
    {
        var text = qualifier.Length > 0 ? qualifier : context;
        return text.Contains("rare-earth-oxide", StringComparison.OrdinalIgnoreCase) || text.Contains("(REO)", StringComparison.Ordinal)
            ? "REO"
            : qualifier.Trim();
    }

    private static string? Note(string? text) => string.IsNullOrWhiteSpace(text) || IsToken(text) ? null : text.Trim();

    // The release files' notes keep the PDF's no-break spaces ("2.98\u00a0million tons", MCS 2026's slag sentences)
    // and line breaks; a note is served as plain text, every run of white space one space.
    internal static string Whitespace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The unit a reserves note states ("(Reserve data is thousand metric tons)"), and the basis where it names one
    /// before the unit ("Crude ore, million metric tons."): the reserves are of that, whatever the row's table words say.
    /// </summary>
    private static (string? Unit, string? Basis) ReserveStated(string? note) =>
        ReserveUnitNote().Match(note ?? "") is not { Success: true } unit ? (null, null)
        : (Unit(unit.Value), ReserveBasisNote().Match(note!) is { Success: true } basis ? Whitespace(basis.Groups["basis"].Value) : null);

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

    // The stage's words, "rounded" (a World total) and "estimated" (a status), as the tables print them (poduction, mne sic).
    [GeneratedRegex(@"\b(mine|mne|refinery|smelter|plant|primary|production|poduction|capacity|reserves|rounded|estimated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StageWords();

    [GeneratedRegex(@"\(\s*\)")]
    private static partial Regex EmptyParenthesis();

    [GeneratedRegex(@"(thousand|million) metric tons", RegexOptions.IgnoreCase)]
    private static partial Regex ReserveUnitNote();

    // "Crude iron ore, million metric tons." at the start of the note or of one of its sentences.
    [GeneratedRegex(@"(?:^|\.)\s*(?<basis>[A-Za-z][A-Za-z ]*?),\s*(thousand|million) metric tons\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReserveBasisNote();

    // MCS 2023 and 2024 say it five ways; "both years" names no year.
    [GeneratedRegex(@"\b(?:Estimated in (?<year>\d{4}) also|Also estimated in (?<year>\d{4})|Production (?:data )?in (?<year>\d{4}) (?:is|were) also estimated|Estimated in both years)\b\.?", RegexOptions.IgnoreCase)]
    private static partial Regex AlsoEstimated();

    [GeneratedRegex(@"^RESERVES_(?<year>\d{4})$")]
    private static partial Regex ReservesColumn();

    /// <summary>
    /// The commodity code of a per-commodity release file of the given kind (world, salient, meta): mcs2024-raree_world.csv
    /// → raree. One pattern for every kind, as MCS 2023 spells names loosely (mcs2023tellu_salient.csv without the
    /// hyphen, the two-part code zirco-hafni); null when the name is not such a file.
    /// </summary>
    internal static string? ReleaseFileCode(string fileName, string kind) =>
        ReleaseFileName().Match(fileName) is { Success: true } m && m.Groups["kind"].Value.Equals(kind, StringComparison.OrdinalIgnoreCase)
            ? m.Groups["code"].Value
            : null;

    [GeneratedRegex(@"^mcs\d{4}[-_]?(?<code>[a-z]+(?:-[a-z]+)*)_(?:(?<kind>world|salient)\.csv|(?<kind>meta)\.xml)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseFileName();

    [GeneratedRegex(@"^World(\s+total)?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex WorldPrefix();

    [GeneratedRegex(@"[\s,-]*\b((thousand|million) )?metric tons$", RegexOptions.IgnoreCase)]
    private static partial Regex TypeUnit();

    [GeneratedRegex(@"\b(was|were|is|are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceVerb();

    // "world iron slag production was estimated ..." → "world iron slag production"
    [GeneratedRegex(@"^(?<label>.+?\b(production|reserves|capacity))\s+(was|were|is|are)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentenceLabel();

    [GeneratedRegex(@"^(\d{4})\s*[–-]\s*(\d{2})$")]
    private static partial Regex YearRange();
}
