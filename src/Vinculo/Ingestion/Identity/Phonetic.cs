using System.Text;

namespace Vinculo.Ingestion.Identity;

/// <summary>
/// A compact phonetic key for Spanish and English names, used for blocking: letters that sound alike
/// in Mexican Spanish (b/v, s/z/soft c, y/ll, silent h, qu/k) share a code; vowels after the first
/// letter and repeated codes are dropped. "Velázquez" and "Belasques" share a key.
/// </summary>
public static class Phonetic
{
    public static string Key(string folded, int length = 4)
    {
        if (string.IsNullOrEmpty(folded))
        {
            return "";
        }

        var s = folded;
        var sb = new StringBuilder(length);
        var last = '\0';
        for (var i = 0; i < s.Length && sb.Length < length; i++)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            char code;
            switch (c)
            {
                case 'a' or 'e' or 'i' or 'o' or 'u':
                    code = sb.Length == 0 ? 'A' : '\0';
                    break;
                case 'h':
                    // Silent: neither a code nor a separator.
                    continue;
                case 'b' or 'v' or 'w' or 'p' or 'f':
                    code = 'B';
                    break;
                case 'c':
                    code = next is 'e' or 'i' ? 'S' : next == 'h' ? 'J' : 'K';
                    break;
                case 'g':
                    code = next is 'e' or 'i' ? 'J' : 'K';
                    break;
                case 'j' or 'x':
                    code = 'J';
                    break;
                case 'k' or 'q':
                    code = 'K';
                    break;
                case 's' or 'z':
                    code = 'S';
                    break;
                case 'y':
                    code = sb.Length == 0 ? 'Y' : '\0';
                    break;
                case 'l':
                    code = next == 'l' ? 'Y' : 'L';
                    if (next == 'l')
                    {
                        i++;
                    }

                    break;
                case 'm' or 'n' or 'ñ':
                    code = 'N';
                    break;
                case 'd' or 't':
                    code = 'T';
                    break;
                case 'r':
                    code = 'R';
                    break;
                default:
                    code = char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : '\0';
                    break;
            }

            if (code == '\0')
            {
                last = '\0';
                continue;
            }

            if (code != last)
            {
                sb.Append(code);
            }

            last = code;
        }

        return sb.ToString();
    }
}
