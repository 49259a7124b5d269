using Vinculo.Contacts;
using Vinculo.Ingestion.Normalization;
using Vinculo.Storage;

namespace Vinculo.Tests.Ingestion;

public sealed class NormalizationTests
{
    private static readonly FieldRuleSet Defaults = FieldRuleSet.Defaults("MX");

    [Theory]
    [InlineData("  maría   DE LA luz  ", "María de la Luz")]
    [InlineData("JUAN DEL VALLE y gómez", "Juan del Valle y Gómez")]
    [InlineData("josé-ángel o'brien", "José-Ángel O'Brien")]
    public void Names_are_title_cased_keeping_accents_and_particles(string raw, string expected) =>
        Assert.Equal(expected, Defaults.Apply("given_names", raw).Value);

    [Fact]
    public void Emails_are_lower_cased_and_bad_syntax_rejects_the_row()
    {
        Assert.Equal("ana.perez@ejemplo.com.mx", Defaults.Apply("email", "  Ana.Perez@Ejemplo.COM.mx ").Value);
        var bad = Defaults.Apply("email", "ana.perez@ejemplo");
        Assert.True(bad.IsRejected);
        Assert.Contains("domain", bad.Error);
        Assert.True(Defaults.Apply("email", "ana perez@x.mx").IsRejected);
    }

    [Theory]
    [InlineData("55 1234 5678", "+525512345678")]
    [InlineData("(55) 1234-5678", "+525512345678")]
    [InlineData("+1 212 555 0123", "+12125550123")]
    [InlineData("55-1234-5678", "+525512345678")]
    public void Phones_become_e164_with_the_workspace_region(string raw, string expected) =>
        Assert.Equal(expected, Defaults.Apply("mobile", raw).Value);

    [Fact]
    public void Phone_region_follows_the_workspace_country()
    {
        Assert.Equal("+573001234567", FieldRuleSet.Defaults("CO").Apply("phone", "300 123 4567").Value);
        Assert.True(Defaults.Apply("phone", "123").IsRejected);
    }

    [Theory]
    [InlineData("17/05/1990", "1990-05-17")]
    [InlineData("1990-05-17", "1990-05-17")]
    [InlineData("3/4/1985", "1985-04-03")]
    [InlineData("33010", "1990-05-17")]
    [InlineData("1990-05-17 00:00:00", "1990-05-17")]
    public void Dates_read_day_first_iso_and_excel_serials(string raw, string expected) =>
        Assert.Equal(expected, Defaults.Apply("birth_date", raw).Value);

    [Fact]
    public void An_unreadable_birth_date_is_a_warning_and_is_dropped()
    {
        var result = Defaults.Apply("birth_date", "31/02/1990");
        Assert.False(result.IsRejected);
        Assert.Null(result.Value);
        Assert.NotNull(result.Warning);
    }

    [Theory]
    [InlineData("México", "MX")]
    [InlineData("mexico", "MX")]
    [InlineData("Estados Unidos", "US")]
    [InlineData("EE. UU.", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("España", "ES")]
    [InlineData("col", "CO")]
    public void Countries_become_iso_alpha2(string raw, string expected) =>
        Assert.Equal(expected, Defaults.Apply("country", raw).Value);

    [Fact]
    public void Mexican_postal_codes_get_back_their_leading_zero()
    {
        Assert.Equal("06600", Defaults.Apply("postal_code", "6600").Value);
        Assert.Equal("44100", Defaults.Apply("postal_code", " 44100 ").Value);
        var odd = Defaults.Apply("postal_code", "SW1A 1AA");
        Assert.Equal("SW1A 1AA", odd.Value);
        Assert.NotNull(odd.Warning);
    }

    [Fact]
    public void Genders_and_ids_are_homologated()
    {
        Assert.Equal("female", Defaults.Apply("gender", "Femenino").Value);
        Assert.Equal("male", Defaults.Apply("gender", "H").Value);
        Assert.Equal("17850", Defaults.Apply("external_id", "17850.0").Value);
        Assert.Equal("A-17.5", Defaults.Apply("external_id", " A-17.5 ").Value);
    }

    [Fact]
    public void Business_rules_reject_or_flag()
    {
        var rules = new FieldRuleSet("MX",
        [
            new NormalizationRule { Field = "external_id", Kind = RuleKind.Regex, Argument = "^C-[0-9]+$", Severity = RuleSeverity.Error, Message = "El folio debe ser C-número" },
            new NormalizationRule { Field = "state", Kind = RuleKind.AllowedValues, Argument = "Jalisco|Nuevo León|Ciudad de México", Severity = RuleSeverity.Warning },
            new NormalizationRule { Field = "email", Kind = RuleKind.Required, Severity = RuleSeverity.Error },
            new NormalizationRule { Field = "city", Kind = RuleKind.Upper, Severity = RuleSeverity.Error },
        ], []);
        Assert.Equal("El folio debe ser C-número", rules.Apply("external_id", "12").Error);
        Assert.Equal("C-12", rules.Apply("external_id", "C-12").Value);
        Assert.Equal("Nuevo León", rules.Apply("state", "nuevo leon").Value);
        var flagged = rules.Apply("state", "Texas");
        Assert.False(flagged.IsRejected);
        Assert.Contains("not one of", flagged.Warning);
        Assert.Equal("is required", rules.Apply("email", "  ").Error);
        Assert.Equal("ana@x.mx", rules.Apply("email", "ANA@X.MX").Value); // the built-in transform still runs
        Assert.Equal("GUADALAJARA", rules.Apply("city", " guadalajara ").Value); // a configured transform replaces the built-in one
    }

    [Fact]
    public void Custom_fields_follow_their_definition()
    {
        var rules = new FieldRuleSet("MX", [],
        [
            new CustomFieldDefinition { Key = "talla", Label = "Talla", Type = CustomFieldType.Choice, AllowedValues = ["CH", "M", "G"] },
            new CustomFieldDefinition { Key = "hijos", Label = "Hijos", Type = CustomFieldType.Number, MinNumber = 0, MaxNumber = 20 },
        ]);
        Assert.Equal("CH", rules.Apply("custom:talla", "ch").Value);
        Assert.NotNull(rules.Apply("custom:talla", "XL").Warning);
        Assert.Equal("3", rules.Apply("custom:hijos", " 3 ").Value);
        Assert.Null(rules.Apply("custom:hijos", "99").Value);
    }

    [Theory]
    [MemberData(nameof(Infrastructure.TestDatabase.Providers), MemberType = typeof(Infrastructure.TestDatabase))]
    public async Task Rules_are_saved_per_field_and_loaded_for_the_workspace(StorageProvider provider)
    {
        await using var h = await ImportHarness.CreateAsync(provider);
        await h.Rules.SaveFieldAsync("state", [new NormalizationRule { Field = "state", Kind = RuleKind.AllowedValues, Argument = "Jalisco|Sonora", Severity = RuleSeverity.Error }]);
        var loaded = await h.Rules.LoadAsync();
        Assert.True(loaded.Apply("state", "Texas").IsRejected);
        Assert.Equal("Sonora", loaded.Apply("state", "SONORA").Value);
        await h.Rules.SaveFieldAsync("state", []);
        Assert.False((await h.Rules.LoadAsync()).Apply("state", "Texas").IsRejected);
        await Assert.ThrowsAsync<Common.ValidationFailedException>(() => h.Rules.SaveFieldAsync("x", [new NormalizationRule { Field = "x", Kind = RuleKind.Regex, Argument = "([" }]));
    }
}
