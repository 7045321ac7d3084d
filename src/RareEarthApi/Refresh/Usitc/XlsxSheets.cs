using System.IO.Compression;
using System.Xml.Linq;

namespace RareEarthApi.Refresh.Usitc;

/// <summary>
/// The cell text of every sheet of an .xlsx workbook, read with the BCL (zip + XML): shared, inline and number cells,
/// by sheet name. Enough for export files such as USITC DataWeb's; formulas and styles are not interpreted.
/// </summary>
internal static class XlsxSheets
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Sheet name → rows, each row column letters → text (empty cells absent); only the sheets <paramref name="wanted"/> accepts are read.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>> Read(Stream xlsx, string where, Func<string, bool>? wanted = null)
    {
        try
        {
            using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
            var workbook = Load(zip, "xl/workbook.xml", where);
            var rels = Load(zip, "xl/_rels/workbook.xml.rels", where).Root!.Elements(PackageRel + "Relationship")
                .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!, StringComparer.Ordinal);
            var shared = zip.GetEntry("xl/sharedStrings.xml") is null
                ? []
                : Load(zip, "xl/sharedStrings.xml", where).Root!.Elements(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList();
            var sheets = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
            foreach (var sheet in workbook.Root!.Element(Main + "sheets")?.Elements(Main + "sheet") ?? [])
            {
                var name = (string)sheet.Attribute("name")!;
                if (wanted is not null && !wanted(name))
                {
                    continue;
                }

                var target = rels[(string)sheet.Attribute(Rel + "id")!].TrimStart('/');
                sheets[name] = Rows(Load(zip, target.StartsWith("xl/", StringComparison.Ordinal) ? target : "xl/" + target, where), shared);
            }

            return sheets;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or KeyNotFoundException or NullReferenceException)
        {
            throw new InvalidDataException($"{where}: not a readable .xlsx workbook: {e.Message}", e);
        }
    }

    private static List<IReadOnlyDictionary<string, string>> Rows(XDocument sheet, List<string> shared)
    {
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var row in sheet.Descendants(Main + "row"))
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in row.Elements(Main + "c"))
            {
                var reference = (string?)c.Attribute("r") ?? "";
                var column = new string([.. reference.TakeWhile(char.IsLetter)]);
                var text = (string?)c.Attribute("t") switch
                {
                    "inlineStr" => string.Concat(c.Descendants(Main + "t").Select(t => t.Value)),
                    "s" => shared[int.Parse(c.Element(Main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
                    _ => c.Element(Main + "v")?.Value,
                };
                if (text is not null)
                {
                    cells[column] = text;
                }
            }

            rows.Add(cells);
        }

        return rows;
    }

    private static XDocument Load(ZipArchive zip, string entry, string where)
    {
        var e = zip.GetEntry(entry) ?? throw new InvalidDataException($"{where}: the workbook has no {entry}.");
        using var stream = e.Open();
        return XDocument.Load(stream);
    }
}
