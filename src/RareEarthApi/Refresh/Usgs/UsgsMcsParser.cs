using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;
using RareEarthApi.Production;

namespace RareEarthApi.Refresh.Usgs;

/// <summary>What one MCS file gave: observations of every commodity, and every problem found (never guessed around).</summary>
internal sealed record UsgsParseResult(IReadOnlyList<Observation> Rows, IReadOnlyList<string> Problems, IReadOnlyList<string> Formats);

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
    public const string MineProduction = "mine-production";
    public const string Reserves = "reserves";

    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static UsgsParseResult ParseFile(string path, string fileName, string edition, CountryCatalog countries)
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
                results.Add(Parse(Decode(buffer.ToArray()), $"{fileName}/{entry.FullName}", edition, countries));
            }

            return new UsgsParseResult(results.SelectMany(r => r.Rows).ToList(), results.SelectMany(r => r.Problems).ToList(), results.SelectMany(r => r.Formats).ToList());
        }

        return Parse(Decode(File.ReadAllBytes(path)), fileName, edition, countries);
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

    public static UsgsParseResult Parse(string text, string file, string edition, CountryCatalog countries)
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
        if (Has(header, "MCS chapter", "Section", "Commodity", "Country", "Statistics", "Statistics_detail", "Unit", "Year", "Value"))
        {
            format = "mcs-long (2026)";
            ReadLong(rows, file, figures, problems);
        }
        else if (Has(header, "SOURCE", "COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS") && header.Any(h => ProductionColumn().IsMatch(h)))
        {
            format = "mcs-wide-all (2025)";
            ReadWideAll(rows, header, figures);
        }
        else if (Has(header, "Source", "Country", "Type") && header.Any(h => ProductionColumn().IsMatch(h)))
        {
            format = "mcs-wide-commodity (2024)";
            ReadWideCommodity(rows, header, figures);
        }
        else
        {
            throw new InvalidDataException(
                $"{file}: unknown header '{string.Join(",", header)}'. Known MCS formats: long (MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,...), " +
                "all-commodity wide (SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_yyyy,...), per-commodity wide (Source,Country,Type,Prod_t_yyyy,...). " +
                "Refusing to guess: add a parser for the new format.");
        }

        var observations = ToObservations(figures, file, edition, countries, problems);
        return new UsgsParseResult(observations, problems, [format]);
    }

    /// <summary>
    /// Checks a dataset's rows as the API will serve them: known status, a value unless the status says why not,
    /// no negative tonnage, no two rows for one commodity, country, year and edition.
    /// </summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<Observation> rows)
    {
        var problems = new List<string>();
        var seen = new HashSet<(string, string, int, string)>();
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

            if (!seen.Add((r.Commodity, r.Country, r.Year, r.Edition)))
            {
                problems.Add($"{r.Commodity} {r.Country} {r.Year} {r.Edition}: duplicate row.");
            }
        }

        return problems;
    }

    private sealed record Figure(
        string Measure, string Commodity, string Label, int Year, string Raw, bool Estimated, string Unit, string Basis, string? Note, string Where);

    private static void ReadLong(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string file, List<Figure> figures, List<string> problems)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"{file} row {i + 2}";
            var section = r["Section"];
            if (!section.StartsWith("World", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var statistic = r["Statistics"];
            var detail = r["Statistics_detail"];
            string measure;
            string qualifier;
            if (statistic.Equals("Production", StringComparison.OrdinalIgnoreCase) && detail.StartsWith("Mine production", StringComparison.OrdinalIgnoreCase))
            {
                measure = MineProduction;
                qualifier = detail["Mine production".Length..].TrimStart(':', ' ');
            }
            else if (statistic.Equals("Reserves", StringComparison.OrdinalIgnoreCase))
            {
                measure = Reserves;
                qualifier = detail.StartsWith("Reserves", StringComparison.OrdinalIgnoreCase) ? detail["Reserves".Length..].TrimStart(':', ' ') : detail;
            }
            else
            {
                continue;
            }

            if (r["Value"].Length == 0)
            {
                continue;
            }

            var yearText = r["Year"];
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
                problems.Add($"{where}: year '{yearText}' is not a year.");
                continue;
            }

            var rounded = qualifier.Equals("rounded", StringComparison.OrdinalIgnoreCase);
            var notes = (r.GetValueOrDefault("Notes") ?? "").Split(" -- ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var estimated = notes.Any(n => n.StartsWith("Estimated", StringComparison.OrdinalIgnoreCase));
            var kept = notes.Where(n => !n.Equals("Estimated.", StringComparison.OrdinalIgnoreCase) && !n.Equals("Reported.", StringComparison.OrdinalIgnoreCase)
                                        && !n.StartsWith("See Appendix C", StringComparison.OrdinalIgnoreCase)).ToList();
            if (yearNote is not null)
            {
                kept.Insert(0, yearNote);
            }

            var basis = Basis(rounded ? "" : qualifier, r.GetValueOrDefault("Other notes") ?? "");
            figures.Add(new Figure(measure, Slug(r["Commodity"]), r["Country"], year, r["Value"], estimated, Unit(r["Unit"]), basis,
                kept.Count > 0 ? string.Join(" ", kept) : null, where));
        }
    }

    private static void ReadWideAll(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> header, List<Figure> figures)
    {
        var production = header.Select(h => (h, m: ProductionColumn().Match(h))).Where(x => x.m.Success).ToList();
        var reserves = header.Select(h => (h, m: ReservesColumn().Match(h))).Where(x => x.m.Success).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"row {i + 2}";
            var type = r["TYPE"].Split(',', 2, StringSplitOptions.TrimEntries);
            if (!type[0].StartsWith("Mine production", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var commodity = Slug(r["COMMODITY"]);
            var unit = Unit(r["UNIT_MEAS"]);
            var basis = Basis(type.Length > 1 ? type[1] : "", "");
            var prodNote = Note(r.GetValueOrDefault("PROD_NOTES"));
            foreach (var (column, m) in production)
            {
                // MCS 2025 leaves a production cell empty where the summary prints a dash: none produced.
                var raw = r[column].Length == 0 ? "—" : r[column];
                figures.Add(new Figure(MineProduction, commodity, r["COUNTRY"], Year(m), raw, m.Groups["est"].Success, unit, basis, prodNote, where));
            }

            foreach (var (column, m) in reserves)
            {
                var notes = r.GetValueOrDefault("RESERVE_NOTES") ?? "";
                // A token can sit in the notes column with the value cell empty (Burma: "", "NA").
                var raw = r[column].Length > 0 ? r[column] : IsToken(notes) ? notes : "";
                if (raw.Length > 0)
                {
                    figures.Add(new Figure(Reserves, commodity, r["COUNTRY"], Year(m), raw, false, unit, basis, IsToken(notes) ? null : Note(notes), where));
                }
            }
        }
    }

    private static void ReadWideCommodity(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<string> header, List<Figure> figures)
    {
        var production = header.Select(h => (h, m: ProductionColumn().Match(h))).Where(x => x.m.Success).ToList();
        var reserves = header.Where(h => h.StartsWith("Reserves", StringComparison.OrdinalIgnoreCase) && !h.Contains("notes", StringComparison.OrdinalIgnoreCase)).ToList();
        var reserveYear = production.Count > 0 ? production.Max(p => Year(p.m)) : 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var where = $"row {i + 2}";
            // "Rare earths, mine production, rare-earth-oxide equivalent, metric tons"
            var type = r["Type"].Split(',', StringSplitOptions.TrimEntries);
            if (type.Length < 2 || !type[1].StartsWith("mine production", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var commodity = Slug(type[0]);
            var basis = Basis(string.Join(", ", type.Skip(2).Take(Math.Max(0, type.Length - 3))), "");
            var prodNote = Note(r.GetValueOrDefault("Prod_notes"));
            foreach (var (column, m) in production)
            {
                if (r[column].Length > 0)
                {
                    figures.Add(new Figure(MineProduction, commodity, r["Country"], Year(m), r[column], m.Groups["est"].Success, UnitToken(m, type), basis, prodNote, where));
                }
            }

            foreach (var column in reserves)
            {
                if (r[column].Length > 0)
                {
                    var unit = ReserveUnit().Match(column) is { Success: true } u ? u.Groups[1].Value : UnitToken(production[0].m, type);
                    figures.Add(new Figure(Reserves, commodity, r["Country"], reserveYear, r[column], false, unit, basis, Note(r.GetValueOrDefault("Reserves_notes")), where));
                }
            }
        }
    }

    private static List<Observation> ToObservations(List<Figure> figures, string file, string edition, CountryCatalog countries, List<string> problems)
    {
        // A commodity given on more than one basis (usable ore and contents, say) gets one id per basis.
        var multiBasis = figures.GroupBy(f => (f.Measure, f.Commodity)).Where(g => g.Select(f => f.Basis).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet();
        var unknown = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var rows = new List<Observation>();
        foreach (var f in figures)
        {
            var label = string.Join(' ', f.Label.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (countries.ResolveSourceLabel(label)?.Country is not { } country)
            {
                if (!unknown.TryGetValue(label, out var commodities))
                {
                    unknown[label] = commodities = new SortedSet<string>(StringComparer.Ordinal);
                }

                commodities.Add(f.Commodity);
                continue;
            }

            var (value, status, tokenNote) = Value(f.Raw, f.Estimated);
            if (status is null)
            {
                problems.Add($"{file} {f.Where}: value '{f.Raw}' is neither a number nor a known token.");
                continue;
            }

            var commodity = multiBasis.Contains((f.Measure, f.Commodity)) && f.Basis.Length > 0 ? $"{f.Commodity}-{Slug(f.Basis)}" : f.Commodity;
            var note = string.Join(" ", new[] { tokenNote, f.Note }.Where(n => !string.IsNullOrEmpty(n)));
            rows.Add(new Observation(f.Measure, commodity, country.Iso3, label, f.Year, value, status, f.Unit, f.Basis, note.Length > 0 ? note : null, edition));
        }

        foreach (var (label, commodities) in unknown)
        {
            problems.Add($"{file}: country label '{label}' ({string.Join(", ", commodities)}) is not in the country crosswalk; add it to Seed/countries.csv as a name or alias.");
        }

        // The same figure printed twice (a reserve repeated on two rows of one country) is one row.
        return rows.DistinctBy(r => r).ToList();
    }

    /// <summary>A value cell: a number (with thousands separators), or a token the status keeps.</summary>
    internal static (double? Value, string? Status, string? Note) Value(string raw, bool estimated)
    {
        var t = raw.Trim();
        switch (t)
        {
            case "—" or "–" or "-" or "--":
                return (0, ObservationStatus.Zero, null);
            case "W":
                return (null, ObservationStatus.Withheld, "Withheld to avoid disclosing company proprietary data (W).");
            case "NA":
                return (null, ObservationStatus.NotAvailable, null);
            case "XX":
                return (null, ObservationStatus.NotApplicable, null);
            case "E":
                return (null, ObservationStatus.NotApplicable, "Net exporter (E).");
        }

        var bound = t.StartsWith('>');
        var number = t.TrimStart('>').Replace(",", "", StringComparison.Ordinal).Trim();
        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return bound ? (value, ObservationStatus.LowerBound, null)
                : value == 0 ? (0, ObservationStatus.Zero, null)
                : (value, estimated ? ObservationStatus.Estimated : ObservationStatus.Reported, null);
        }

        if (t.Length > 0 && t.All(c => char.IsLetter(c) || c == ' '))
        {
            // Words such as "Large" or "Small": no number to serve, the word kept.
            return (null, ObservationStatus.NotAvailable, $"The source gives '{t}'.");
        }

        return (null, null, null);
    }

    internal static string Slug(string text) =>
        string.Join('-', NonAlphanumeric().Split(text.Trim().ToLowerInvariant()).Where(p => p.Length > 0));

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

    private static bool IsToken(string text) => text.Trim() is "NA" or "W" or "XX" or "E" or "—";

    private static int Year(Match m) => int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);

    private static bool Has(IReadOnlyList<string> header, params string[] columns) =>
        columns.All(c => header.Contains(c, StringComparer.Ordinal));

    private static List<string> ReadHeader(string text) =>
        (text.Split('\n', 2)[0]).Split(',').Select(h => h.Trim().Trim('"')).ToList();

    // PROD_2023, PROD_EST_ 2024 (sic, with the space), Prod_t_est_2022, Prod_kt_2023
    [GeneratedRegex(@"^(?:PROD|Prod)_(?:(?<unit>(?!est_)[a-z]+)_)?(?<est>(?:EST|est)_\s*)?(?<year>\d{4})$")]
    private static partial Regex ProductionColumn();

    [GeneratedRegex(@"^RESERVES_(?<year>\d{4})$")]
    private static partial Regex ReservesColumn();

    [GeneratedRegex(@"^Reserves_([a-z]+)$")]
    private static partial Regex ReserveUnit();

    [GeneratedRegex(@"^(\d{4})\s*[–-]\s*(\d{2})$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
