using Vinculo.Ingestion.Identity;

namespace Vinculo.Tests.Identity;

public sealed class MatcherTests
{
    [Fact]
    public void String_similarities_give_the_textbook_values()
    {
        Assert.Equal(0.961, StringSimilarity.JaroWinkler("martha", "marhta"), 3);
        Assert.Equal(0.840, StringSimilarity.JaroWinkler("dwayne", "duane"), 3);
        Assert.Equal(1, StringSimilarity.DamerauLevenshtein("ca", "ac"));
        Assert.Equal(3, StringSimilarity.DamerauLevenshtein("kitten", "sitting"));
        Assert.Equal(1.0, StringSimilarity.TokenSet(["maria"], ["jose", "maria"]));
    }

    [Fact]
    public void Phonetic_key_groups_spanish_spellings()
    {
        Assert.Equal(Phonetic.Key("velazquez"), Phonetic.Key("belasques"));
        Assert.Equal(Phonetic.Key("hernandez"), Phonetic.Key("ernandes"));
        Assert.NotEqual(Phonetic.Key("garcia"), Phonetic.Key("lopez"));
    }

    [Fact]
    public void Swapped_or_missing_maternal_surnames_share_a_surname_blocking_key()
    {
        static HashSet<string> SurnameKeys(PersonRecord r) => Blocking.Keys(r.Prepare()).Where(k => k.StartsWith("sg|", StringComparison.Ordinal)).ToHashSet();
        var full = SurnameKeys(new PersonRecord { Id = "1", GivenNames = "María", PaternalSurname = "Hernández", MaternalSurname = "López" });
        var swapped = SurnameKeys(new PersonRecord { Id = "2", GivenNames = "maria", PaternalSurname = "LOPEZ", MaternalSurname = "Hernandes" });
        var paternalOnly = SurnameKeys(new PersonRecord { Id = "3", GivenNames = "Maria", PaternalSurname = "Hernández" });

        Assert.Equal(2, full.Count);
        Assert.True(full.SetEquals(swapped));
        Assert.True(paternalOnly.IsSubsetOf(full) && paternalOnly.Count == 1);
    }

    [Fact]
    public void Records_sharing_an_email_match_at_once()
    {
        var records = new[]
        {
            new PersonRecord { Id = "1", GivenNames = "Ana", PaternalSurname = "Ruiz", Emails = ["ana@example.com"] },
            new PersonRecord { Id = "2", GivenNames = "Anita", PaternalSurname = "Flores", Emails = ["ANA@example.com "] },
            new PersonRecord { Id = "3", GivenNames = "Pedro", PaternalSurname = "Ruiz", Emails = ["pedro@example.com"] },
        };

        var run = Matcher.Run(records, new MatchOptions { FitModel = false });

        var match = Assert.Single(run.Matches);
        Assert.Equal((0, 1), (match.A, match.B));
        Assert.Equal("email", match.ExactKey);
        Assert.Equal(MatchDecision.AutoMerge, match.Decision);
    }

    [Fact]
    public void A_phone_shared_by_mother_and_daughter_goes_to_review_not_merge()
    {
        var records = new[]
        {
            new PersonRecord { Id = "mother", GivenNames = "Rosa", PaternalSurname = "Jiménez", MaternalSurname = "Cano", BirthDate = "19700214", Phones = ["+523312345678"] },
            new PersonRecord { Id = "daughter", GivenNames = "Valeria", PaternalSurname = "Ortiz", MaternalSurname = "Jiménez", BirthDate = "20080930", Phones = ["+523312345678"] },
        };

        var run = Matcher.Run(records, new MatchOptions { FitModel = false });

        var pair = Assert.Single(run.Pairs);
        Assert.Equal("phone", pair.ExactKey);
        Assert.Equal(MatchDecision.Review, pair.Decision);
    }

    [Fact]
    public void Typo_and_swapped_surnames_are_a_probabilistic_candidate_accents_and_case_aside()
    {
        var records = new[]
        {
            new PersonRecord
            {
                Id = "a", GivenNames = "María José", PaternalSurname = "Hernández", MaternalSurname = "López",
                BirthDate = "19850312", PostalCode = "06700", Street = "Av. Álvaro Obregón", StreetNumber = "45", City = "Cuauhtémoc",
            },
            new PersonRecord
            {
                Id = "b", GivenNames = "MARIA JOSE", PaternalSurname = "Lopez", MaternalSurname = "Hernandes",
                BirthDate = "19850312", PostalCode = "06700", Street = "av alvaro obregon", StreetNumber = "45", City = "cuauhtemoc",
            },
            new PersonRecord
            {
                Id = "c", GivenNames = "María", PaternalSurname = "Hernández", BirthDate = "19850312", PostalCode = "06700",
            },
            new PersonRecord
            {
                Id = "d", GivenNames = "Jorge", PaternalSurname = "Hernández", MaternalSurname = "Ramírez",
                BirthDate = "19620730", PostalCode = "44100", City = "Guadalajara",
            },
        };

        var run = Matcher.Run(records, new MatchOptions { FitModel = false });

        var swapped = Assert.Single(run.Pairs, p => (p.A, p.B) == (0, 1));
        Assert.Null(swapped.ExactKey);
        Assert.NotEqual(MatchDecision.None, swapped.Decision);
        Assert.True(swapped.Levels[(int)MatchField.Surname] >= 2, "swapped surnames should still agree");

        // Missing maternal surname and given name shortened: still a candidate for review at least.
        var missingMaternal = Assert.Single(run.Pairs, p => (p.A, p.B) == (0, 2));
        Assert.NotEqual(MatchDecision.None, missingMaternal.Decision);

        // A different person sharing a surname is compared (same block) but not matched.
        Assert.DoesNotContain(run.Matches, p => p.A == 3 || p.B == 3);
    }

    [Fact]
    public void Metrics_count_pairs_as_the_definitions_say()
    {
        var records = Enumerable.Range(0, 6).Select(i => new PersonRecord { Id = $"rec-{i / 3}-{i}" }).ToList();
        // Entities: {0,1,2} and {3,4,5}: 6 true pairs.
        var candidates = new[] { (0, 1), (0, 2), (1, 2), (3, 4), (2, 3) };
        var predicted = new[] { (0, 1), (1, 2), (2, 3) };

        var m = LinkageMetrics.Evaluate(records, r => r.Id.Split('-')[1], candidates, predicted, linkage: false);

        Assert.Equal(6, m.TruePairs);
        Assert.Equal(4.0 / 6, m.PairCompleteness, 6);
        Assert.Equal(2.0 / 3, m.Precision, 6);
        Assert.Equal(2.0 / 6, m.Recall, 6);
        Assert.Equal(2 * (2.0 / 3) * (1.0 / 3) / ((2.0 / 3) + (1.0 / 3)), m.F1, 6);
    }

    [Fact]
    public void Unsupervised_fit_finds_the_duplicates_of_a_synthetic_set()
    {
        var (records, entityOf) = SyntheticPeople.Generate(people: 400, duplicates: 200, seed: 7);

        var run = Matcher.Run(records, new MatchOptions { RandomPairs = 20_000 });
        var metrics = LinkageMetrics.Evaluate(records, entityOf, run.Pairs.Select(p => (p.A, p.B)), run.Matches.Select(p => (p.A, p.B)), linkage: false);

        Assert.Equal(200, metrics.TruePairs);
        Assert.True(metrics.PairCompleteness > 0.95, $"pair completeness {metrics.PairCompleteness}");
        Assert.True(metrics.Precision > 0.9, $"precision {metrics.Precision}");
        Assert.True(metrics.Recall > 0.9, $"recall {metrics.Recall}");
        Assert.True(metrics.CandidatePairs < 600L * 599 / 2 / 10, "blocking must prune most pairs");
    }
}

/// <summary>A tiny Mexican population with typo'd duplicates, made in the test (no shared data read).</summary>
internal static class SyntheticPeople
{
    private static readonly string[] Given = ["María", "José", "Juan", "Guadalupe", "Luis", "Ana", "Carlos", "Fernanda", "Jorge", "Sofía", "Miguel", "Valeria", "Ricardo", "Daniela", "Alejandro", "Ximena"];
    private static readonly string[] Surnames = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Jiménez", "Reyes", "Díaz", "Torres", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez", "Rivera"];
    private static readonly string[] Streets = ["Insurgentes Sur", "Reforma", "Álvaro Obregón", "Juárez", "Hidalgo", "Morelos", "Madero", "Revolución", "Universidad", "Tlalpan"];

    public static (List<PersonRecord> Records, Func<PersonRecord, string> EntityOf) Generate(int people, int duplicates, int seed)
    {
        var random = new Random(seed);
        var originals = new List<PersonRecord>();
        for (var i = 0; i < people; i++)
        {
            originals.Add(new PersonRecord
            {
                Id = $"rec-{i}-org",
                GivenNames = Given[random.Next(Given.Length)],
                PaternalSurname = Surnames[random.Next(Surnames.Length)],
                MaternalSurname = Surnames[random.Next(Surnames.Length)],
                BirthDate = $"{random.Next(1950, 2005)}{random.Next(1, 13):00}{random.Next(1, 29):00}",
                Street = Streets[random.Next(Streets.Length)],
                StreetNumber = random.Next(1, 500).ToString(System.Globalization.CultureInfo.InvariantCulture),
                PostalCode = random.Next(1000, 99999).ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
                City = "Ciudad de México",
            });
        }

        var records = new List<PersonRecord>(originals);
        for (var d = 0; d < duplicates; d++)
        {
            var o = originals[d];
            var n = o.Id.Split('-')[1];
            records.Add((d % 4) switch
            {
                0 => Copy(o, n, d, given: Typo(o.GivenNames!, random)),
                1 => Copy(o, n, d, paternal: o.MaternalSurname, maternal: o.PaternalSurname),
                2 => Copy(o, n, d, maternal: "", postalCode: ""),
                _ => Copy(o, n, d, paternal: Typo(o.PaternalSurname!, random), birthDate: o.BirthDate![..7] + "9"),
            });
        }

        return (records, r => r.Id.Split('-')[1]);
    }

    private static PersonRecord Copy(PersonRecord o, string n, int d, string? given = null, string? paternal = null, string? maternal = null, string? postalCode = null, string? birthDate = null) => new()
    {
        Id = $"rec-{n}-dup-{d}",
        GivenNames = (given ?? o.GivenNames)!.ToUpperInvariant(),
        PaternalSurname = paternal ?? o.PaternalSurname,
        MaternalSurname = maternal ?? o.MaternalSurname,
        BirthDate = birthDate ?? o.BirthDate,
        Street = o.Street,
        StreetNumber = o.StreetNumber,
        PostalCode = postalCode ?? o.PostalCode,
        City = o.City,
    };

    private static string Typo(string value, Random random)
    {
        // Two adjacent letters swapped, the commonest typing error.
        var i = random.Next(1, value.Length - 1);
        return string.Concat(value.AsSpan(0, i), value.AsSpan(i + 1, 1), value.AsSpan(i, 1), value.AsSpan(i + 2));
    }
}
