using System.Globalization;

namespace Vinculo.App.Components.Segments;

/// <summary>The builder's words in Spanish (default) and English, kept beside it.</summary>
public static class SegmentTexts
{
    private static readonly Dictionary<string, (string Es, string En)> Words = new()
    {
        ["Segments"] = ("Segmentos", "Segments"),
        ["NewSegment"] = ("Nuevo segmento", "New segment"),
        ["Name"] = ("Nombre del segmento", "Segment name"),
        ["Description"] = ("Descripción", "Description"),
        ["Members"] = ("Miembros", "Members"),
        ["Version"] = ("Versión", "Version"),
        ["LastRefresh"] = ("Última actualización", "Last refresh"),
        ["Never"] = ("Nunca", "Never"),
        ["Save"] = ("Guardar", "Save"),
        ["Refresh"] = ("Actualizar miembros", "Refresh members"),
        ["Delete"] = ("Eliminar", "Delete"),
        ["AddCondition"] = ("Añadir condición", "Add condition"),
        ["AddGroup"] = ("Añadir grupo", "Add group"),
        ["Remove"] = ("Quitar", "Remove"),
        ["All"] = ("Todas (Y)", "All (AND)"),
        ["Any"] = ("Cualquiera (O)", "Any (OR)"),
        ["Not"] = ("No", "Not"),
        ["Condition"] = ("Condición", "Condition"),
        ["LiveCount"] = ("contactos cumplen la definición", "contacts match the definition"),
        ["Sample"] = ("Muestra", "Sample"),
        ["Saved"] = ("Segmento guardado", "Segment saved"),
        ["Refreshed"] = ("Miembros actualizados: {0} entraron, {1} salieron", "Members refreshed: {0} entered, {1} exited"),
        ["NoSegments"] = ("Aún no hay segmentos", "No segments yet"),
        ["MinAge"] = ("Edad mínima", "Minimum age"),
        ["MaxAge"] = ("Edad máxima", "Maximum age"),
        ["Days"] = ("Días", "Days"),
        ["InLastDays"] = ("En los últimos N días", "In the last N days"),
        ["EventType"] = ("Tipo de evento", "Event type"),
        ["Operator"] = ("Operador", "Operator"),
        ["Times"] = ("Veces", "Times"),
        ["Sku"] = ("SKU", "SKU"),
        ["Category"] = ("Categoría", "Category"),
        ["Tags"] = ("Etiquetas (separadas por coma)", "Tags (comma-separated)"),
        ["Stage"] = ("Etapa", "Stage"),
        ["Channel"] = ("Canal", "Channel"),
        ["Purpose"] = ("Finalidad", "Purpose"),
        ["Status"] = ("Estado", "Status"),
        ["Network"] = ("Red social", "Network"),
        ["Field"] = ("Campo", "Field"),
        ["Value"] = ("Valor (vacío: tiene valor)", "Value (empty: is set)"),
        ["Json"] = ("Condición en JSON", "Condition as JSON"),
        ["KindGroup"] = ("Grupo", "Group"),
        ["KindAge"] = ("Edad", "Age"),
        ["KindBirthday"] = ("Cumpleaños próximo", "Upcoming birthday"),
        ["KindAgeGroup"] = ("Menor / adulto", "Minor / adult"),
        ["KindEvent"] = ("Eventos", "Events"),
        ["KindPurchase"] = ("Compró", "Bought"),
        ["KindTag"] = ("Etiqueta", "Tag"),
        ["KindLifecycle"] = ("Ciclo de vida (RFM)", "Lifecycle (RFM)"),
        ["KindConsent"] = ("Consentimiento", "Consent"),
        ["KindSocial"] = ("Red social", "Social network"),
        ["KindAttribute"] = ("Dato del contacto", "Contact field"),
        ["KindJson"] = ("Otra (JSON)", "Other (JSON)"),
        ["StageProspect"] = ("Prospecto", "Prospect"),
        ["StageNew"] = ("Nuevo", "New"),
        ["StageLoyal"] = ("Leal", "Loyal"),
        ["StageAtRisk"] = ("En riesgo", "At risk"),
        ["StageLost"] = ("Perdido", "Lost"),
        ["Minor"] = ("Menor de edad", "Minor"),
        ["Adult"] = ("Adulto", "Adult"),
    };

    public static string T(string key) =>
        Words.TryGetValue(key, out var w) ? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? w.En : w.Es) : key;
}
