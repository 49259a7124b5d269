using System.Collections.Frozen;
using System.Text;
using Vinculo.Ingestion.Normalization;

namespace Vinculo.Ingestion.Mapping;

/// <summary>What a file holds: each row is a contact, an order line, or an event.</summary>
public enum ImportTarget
{
    Contacts = 0,
    Orders = 1,
    Events = 2,
}

/// <summary>
/// The fields an import can fill, per target, and the header spellings recognised for each (Spanish,
/// English, Mailchimp and HubSpot exports). Headers compare without accents, case or punctuation.
/// </summary>
public static class ImportFields
{
    public const string CustomPrefix = "custom:";

    /// <summary>Field key → known header spellings. Order matters only for the documentation.</summary>
    private static readonly (ImportTarget Target, string Field, string[] Headers)[] Catalog =
    [
        (ImportTarget.Contacts, "external_id", ["ID externo", "External ID", "ID cliente", "Id de cliente", "Customer ID", "CustomerID", "Número de cliente", "Record ID", "Contact ID", "ID"]),
        (ImportTarget.Contacts, "given_names", ["Nombre", "Nombres", "Nombre(s)", "Nombre de pila", "First Name", "FirstName", "Given Name", "Given Names", "FNAME"]),
        (ImportTarget.Contacts, "paternal_surname", ["Apellido paterno", "Primer apellido", "Ap. paterno", "Apellido 1", "Paternal Surname"]),
        (ImportTarget.Contacts, "maternal_surname", ["Apellido materno", "Segundo apellido", "Ap. materno", "Apellido 2", "Maternal Surname"]),
        (ImportTarget.Contacts, "last_name", ["Apellido", "Apellidos", "Last Name", "LastName", "Surname", "Family Name", "LNAME"]),
        (ImportTarget.Contacts, "full_name", ["Nombre completo", "Full Name", "Name", "Nombre y apellidos", "Cliente"]),
        (ImportTarget.Contacts, "email", ["Correo", "Correo electrónico", "Email", "E-mail", "Email Address", "Mail", "Dirección de correo", "Dirección de correo electrónico", "Correo-e"]),
        (ImportTarget.Contacts, "phone", ["Teléfono", "Telefono fijo", "Teléfono fijo", "Tel", "Tel.", "Phone", "Phone Number", "Telephone", "Teléfono de casa", "Teléfono oficina"]),
        (ImportTarget.Contacts, "mobile", ["Celular", "Móvil", "Teléfono celular", "Teléfono móvil", "Cel", "Cel.", "WhatsApp", "Mobile", "Mobile Phone", "Mobile Phone Number", "Cell", "Cell Phone"]),
        (ImportTarget.Contacts, "birth_date", ["Fecha de nacimiento", "Nacimiento", "F. nacimiento", "Fecha nac", "Cumpleaños", "Birth Date", "Birthdate", "Date of Birth", "DOB", "Birthday"]),
        (ImportTarget.Contacts, "gender", ["Género", "Sexo", "Gender", "Sex"]),
        (ImportTarget.Contacts, "street", ["Calle", "Dirección", "Domicilio", "Calle y número", "Street", "Street Address", "Address", "Address 1"]),
        (ImportTarget.Contacts, "neighborhood", ["Colonia", "Col.", "Barrio", "Neighborhood", "Neighbourhood"]),
        (ImportTarget.Contacts, "city", ["Ciudad", "Municipio", "Alcaldía", "Delegación", "Localidad", "City", "Town"]),
        (ImportTarget.Contacts, "state", ["Estado", "Entidad", "Entidad federativa", "Provincia", "State", "State/Region", "Region", "Province"]),
        (ImportTarget.Contacts, "postal_code", ["Código postal", "C.P.", "CP", "Cod. postal", "Postal Code", "ZIP", "ZIP Code", "Zipcode", "Postcode"]),
        (ImportTarget.Contacts, "country", ["País", "Country", "Country/Region", "CC"]),
        (ImportTarget.Contacts, "company", ["Empresa", "Compañía", "Organización", "Razón social", "Company", "Company Name", "Organization", "Organisation", "Associated Company"]),
        (ImportTarget.Contacts, "job_title", ["Puesto", "Cargo", "Título", "Job Title", "Title", "Position", "Role"]),
        (ImportTarget.Contacts, "tags", ["Etiquetas", "Tags", "Etiqueta", "Tag", "Segmentos"]),
        (ImportTarget.Contacts, "locale", ["Idioma", "Language", "Locale", "Preferred language"]),
        (ImportTarget.Contacts, "time_zone", ["Zona horaria", "Time Zone", "TIMEZONE"]),
        // Mailchimp "cleaned" exports: a clean time means the address bounced for good.
        (ImportTarget.Contacts, "email_bounced_at", ["CLEAN_TIME", "Bounced at", "Fecha de rebote"]),
        // Email marketing consent as mailing tools export it (Mailchimp: OPTIN/CONFIRM/UNSUB columns); recorded in the consent ledger.
        (ImportTarget.Contacts, "email_opt_in_at", ["OPTIN_TIME", "Fecha de suscripción", "Fecha de alta", "Opt-in date", "Subscribed at", "Subscription date"]),
        (ImportTarget.Contacts, "email_opt_in_ip", ["OPTIN_IP", "IP de suscripción", "Opt-in IP"]),
        (ImportTarget.Contacts, "email_confirmed_at", ["CONFIRM_TIME", "Fecha de confirmación", "Confirmed at", "Double opt-in date"]),
        (ImportTarget.Contacts, "email_confirm_ip", ["CONFIRM_IP", "IP de confirmación", "Confirm IP"]),
        (ImportTarget.Contacts, "email_unsubscribed_at", ["UNSUB_TIME", "Fecha de baja", "Unsubscribed at", "Unsubscribe date"]),
        (ImportTarget.Contacts, "unsubscribe_reason", ["UNSUB_REASON", "Motivo de baja", "Unsubscribe reason"]),
        (ImportTarget.Orders, "order_id", ["Pedido", "Número de pedido", "No. pedido", "Folio", "Ticket", "Número de ticket", "Factura", "Order ID", "Order", "Order Number", "InvoiceNo", "Invoice", "Invoice No"]),
        (ImportTarget.Orders, "ordered_at", ["Fecha", "Fecha de pedido", "Fecha de compra", "Order Date", "Date", "InvoiceDate", "Invoice Date", "Purchase Date"]),
        (ImportTarget.Orders, "customer_id", ["Cliente", "ID cliente", "Id de cliente", "Número de cliente", "Customer ID", "CustomerID", "Customer", "External ID"]),
        (ImportTarget.Orders, "customer_email", ["Correo", "Correo electrónico", "Email", "Customer Email", "E-mail"]),
        (ImportTarget.Orders, "sku", ["SKU", "Código", "Código de producto", "Clave", "StockCode", "Stock Code", "Product Code", "Item Code"]),
        (ImportTarget.Orders, "description", ["Descripción", "Producto", "Artículo", "Description", "Product", "Product Name", "Item"]),
        (ImportTarget.Orders, "quantity", ["Cantidad", "Piezas", "Qty", "Quantity", "Units"]),
        (ImportTarget.Orders, "unit_price", ["Precio", "Precio unitario", "P. unitario", "Unit Price", "UnitPrice", "Price"]),
        (ImportTarget.Orders, "channel", ["Canal", "Canal de venta", "Channel", "Sales Channel"]),
        (ImportTarget.Orders, "currency", ["Moneda", "Divisa", "Currency"]),
        (ImportTarget.Orders, "store", ["Tienda", "Sucursal", "Store", "Store Code", "Branch"]),
        (ImportTarget.Events, "event_id", ["ID evento", "Event ID", "ID"]),
        (ImportTarget.Events, "event_type", ["Evento", "Tipo", "Tipo de evento", "Event", "Event Type", "Type"]),
        (ImportTarget.Events, "occurred_at", ["Fecha", "Fecha y hora", "Occurred At", "Timestamp", "Date", "Time"]),
        (ImportTarget.Events, "customer_id", ["ID cliente", "Customer ID", "CustomerID", "External ID", "Cliente"]),
        (ImportTarget.Events, "customer_email", ["Correo", "Correo electrónico", "Email", "E-mail"]),
        (ImportTarget.Events, "channel", ["Canal", "Channel"]),
    ];

    private static readonly FrozenDictionary<(ImportTarget, string), string> ByHeader = BuildIndex();

    /// <summary>The fields of a target, in catalog order.</summary>
    public static IReadOnlyList<string> For(ImportTarget target) => [.. Catalog.Where(c => c.Target == target).Select(c => c.Field)];

    public static bool IsKnown(ImportTarget target, string field) =>
        field.StartsWith(CustomPrefix, StringComparison.Ordinal) ? target == ImportTarget.Contacts : Catalog.Any(c => c.Target == target && c.Field == field);

    /// <summary>The field a header names for the target, or null.</summary>
    public static string? Recognize(ImportTarget target, string header) =>
        ByHeader.TryGetValue((target, HeaderKey(header)), out var field) ? field : null;

    /// <summary>Headers compared without accents, case, punctuation or spaces: "Correo electrónico" = "CORREO_ELECTRONICO".</summary>
    public static string HeaderKey(string header)
    {
        var folded = Normalize.SearchKey(header);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static FrozenDictionary<(ImportTarget, string), string> BuildIndex()
    {
        var map = new Dictionary<(ImportTarget, string), string>();
        foreach (var (target, field, headers) in Catalog)
        {
            map.TryAdd((target, HeaderKey(field)), field);
            foreach (var header in headers)
            {
                map.TryAdd((target, HeaderKey(header)), field);
            }
        }

        return map.ToFrozenDictionary();
    }
}
