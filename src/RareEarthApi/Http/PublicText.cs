using System.Text;

namespace RareEarthApi.Http;

/// <summary>
/// Text from a file or a library made fit for a public message: control characters, undecodable bytes (U+FFFD) and
/// surrogates (a lone one is an undecodable byte; emoji are not needed in a message) become '?', so a rejected binary upload does not put its raw bytes into a run's record.
/// </summary>
public static class PublicText
{
    public static string Clean(string text)
    {
        if (!text.Any(Unfit))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            clean.Append(Unfit(c) ? '?' : c);
        }

        return clean.ToString();
    }

    private static bool Unfit(char c) => char.IsControl(c) || c == '\uFFFD' || char.IsSurrogate(c);
}
