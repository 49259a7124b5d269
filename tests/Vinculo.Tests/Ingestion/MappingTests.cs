using Vinculo.Contacts;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Mapping;

namespace Vinculo.Tests.Ingestion;

public sealed class MappingTests
{
    private static Dictionary<string, string?> Suggest(ImportTarget target, params string[] headers) =>
        ColumnMapping.Suggest(target, headers, []).Columns.ToDictionary(c => c.Header, c => c.Field);

    [Fact]
    public void Spanish_headers_are_recognised_without_regard_to_accents_or_case()
    {
        var map = Suggest(ImportTarget.Contacts, "Nombre(s)", "APELLIDO PATERNO", "apellido materno", "Correo electronico", "Teléfono", "Celular", "Móvil",
            "Fecha de Nacimiento", "Género", "Ciudad", "Estado", "Código Postal", "País", "Empresa", "Puesto", "Colonia");
        Assert.Equal("given_names", map["Nombre(s)"]);
        Assert.Equal("paternal_surname", map["APELLIDO PATERNO"]);
        Assert.Equal("maternal_surname", map["apellido materno"]);
        Assert.Equal("email", map["Correo electronico"]);
        Assert.Equal("phone", map["Teléfono"]);
        Assert.Equal("mobile", map["Celular"]);
        Assert.Null(map["Móvil"]); // a second column for the same field is left for the user to decide
        Assert.Equal("birth_date", map["Fecha de Nacimiento"]);
        Assert.Equal("gender", map["Género"]);
        Assert.Equal("city", map["Ciudad"]);
        Assert.Equal("state", map["Estado"]);
        Assert.Equal("postal_code", map["Código Postal"]);
        Assert.Equal("country", map["País"]);
        Assert.Equal("company", map["Empresa"]);
        Assert.Equal("job_title", map["Puesto"]);
        Assert.Equal("neighborhood", map["Colonia"]);
    }

    [Fact]
    public void Mailchimp_export_headers_map_and_its_own_columns_are_reported_as_ignored()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ingestion", "Fixtures", "mailchimp-unsubscribed.csv");
        var headers = File.ReadLines(path).First().Split(',');
        var mapping = ColumnMapping.Suggest(ImportTarget.Contacts, headers, []);
        var map = mapping.Columns.ToDictionary(c => c.Header, c => c.Field);
        Assert.Equal("email", map["Email Address"]);
        Assert.Equal("given_names", map["First Name"]);
        Assert.Equal("last_name", map["Last Name"]);
        Assert.Equal("company", map["Company"]);
        Assert.Equal("job_title", map["Position"]);
        Assert.Equal("postal_code", map["ZIP Code"]);
        Assert.Equal("tags", map["TAGS"]);
        Assert.Equal("country", map["CC"]);
        var bound = mapping.Bind(headers);
        Assert.Contains("MEMBER_RATING", bound.IgnoredHeaders);
        Assert.Contains("UNSUB_CAMPAIGN_TITLE", bound.IgnoredHeaders);
        Assert.Equal("email_unsubscribed_at", map["UNSUB_TIME"]);
        Assert.Equal("email_confirmed_at", map["CONFIRM_TIME"]);
        Assert.Equal("email_opt_in_at", map["OPTIN_TIME"]);
        Assert.DoesNotContain("Email Address", bound.IgnoredHeaders);
    }

    [Fact]
    public void HubSpot_and_English_headers_map()
    {
        var map = Suggest(ImportTarget.Contacts, "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name", "Job Title", "Create Date", "State/Region", "Country/Region");
        Assert.Equal("external_id", map["Record ID"]);
        Assert.Equal("phone", map["Phone Number"]);
        Assert.Equal("mobile", map["Mobile Phone Number"]);
        Assert.Equal("company", map["Company Name"]);
        Assert.Equal("job_title", map["Job Title"]);
        Assert.Null(map["Create Date"]);
        Assert.Equal("state", map["State/Region"]);
        Assert.Equal("country", map["Country/Region"]);
    }

    [Fact]
    public void Unknown_columns_map_to_a_custom_field_with_that_key_or_label()
    {
        var definitions = new[] { new CustomFieldDefinition { Key = "talla_ropa", Label = "Talla de ropa" } };
        var map = ColumnMapping.Suggest(ImportTarget.Contacts, ["Correo", "Talla de Ropa", "Color favorito"], definitions).Columns.ToDictionary(c => c.Header, c => c.Field);
        Assert.Equal("custom:talla_ropa", map["Talla de Ropa"]);
        Assert.Null(map["Color favorito"]);
    }

    [Fact]
    public void Targets_are_guessed_from_headers()
    {
        Assert.Equal(ImportTarget.Orders, ImportService.GuessTarget(["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]));
        Assert.Equal(ImportTarget.Events, ImportService.GuessTarget(["Evento", "Fecha", "Correo"]));
        Assert.Equal(ImportTarget.Contacts, ImportService.GuessTarget(["Nombre", "Correo"]));
    }

    [Fact]
    public void A_mapping_survives_json_and_binds_by_header_text_not_position()
    {
        var mapping = ColumnMapping.Suggest(ImportTarget.Contacts, ["Nombre", "Correo"], []);
        var bound = ColumnMapping.FromJson(mapping.ToJson()).Bind(["correo", "Otro", "NOMBRE"]);
        Assert.Equal(["email", null, "given_names"], bound.FieldsByColumn);
        Assert.Equal(["Otro"], bound.IgnoredHeaders);
    }
}
