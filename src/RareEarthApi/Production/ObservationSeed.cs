using System.Globalization;
using RareEarthApi.Countries;
using RareEarthApi.Datasets;

namespace RareEarthApi.Production;

/// <summary>Reads the project's own observation file (bundled seed, or a curated upload), strictly.</summary>
internal static class ObservationSeed
{
    public static IReadOnlyList<Observation> ReadObservations(TextReader reader, string file, CountryCatalog countries, IReadOnlyCollection<SourceEdition> editions)
    {
        var editionIds = editions.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var rows = new List<Observation>();
        var seen = new HashSet<(string, string, string, int, string)>();
        foreach (var (r, i) in CsvFiles.Read(reader, file).Select((r, i) => (r, i + 2)))
        {
            var status = r.Required("status", file, i);
            if (!ObservationStatus.All.Contains(status))
            {
                throw new InvalidDataException($"{file} row {i}: status '{status}' is not one of {string.Join(", ", ObservationStatus.All)}.");
            }

            var rawValue = r.Optional("value");
            double? value = rawValue is null ? null : double.Parse(rawValue, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (value is null && !ObservationStatus.AllowsNull(status))
            {
                throw new InvalidDataException($"{file} row {i}: a {status} row needs a value.");
            }

            if (value < 0)
            {
                throw new InvalidDataException($"{file} row {i}: negative value {value}.");
            }

            var country = r.Required("country", file, i);
            if (countries.ByIso3(country) is null)
            {
                throw new InvalidDataException($"{file} row {i}: country '{country}' is not in the country crosswalk.");
            }

            var edition = r.Required("edition", file, i);
            if (!editionIds.Contains(edition))
            {
                throw new InvalidDataException($"{file} row {i}: edition '{edition}' is not listed in the editions.");
            }

            var row = new Observation(
                r.Required("measure", file, i),
                r.Required("commodity", file, i),
                country,
                r.Optional("sourceLabel") ?? country,
                int.Parse(r.Required("year", file, i), NumberStyles.Integer, CultureInfo.InvariantCulture),
                value,
                status,
                r.Required("unit", file, i),
                r.Optional("basis") ?? "",
                r.Optional("note"),
                edition);
            if (!seen.Add((row.Measure, row.Commodity, row.Country, row.Year, row.Edition)))
            {
                throw new InvalidDataException($"{file} row {i}: duplicate {row.Measure} {row.Commodity} {row.Country} {row.Year} {row.Edition}.");
            }

            rows.Add(row);
        }

        return rows;
    }
}
