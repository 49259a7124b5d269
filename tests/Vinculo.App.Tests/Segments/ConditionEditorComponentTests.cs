using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Vinculo.App.Components.Segments;
using Vinculo.Segments;

namespace Vinculo.App.Tests.Segments;

/// <summary>The builder's condition editor rendered by bUnit: conditions once edited as JSON now show form fields.</summary>
public sealed class ConditionEditorComponentTests
{
    [Theory]
    [InlineData("""{"kind":"has_children","minAge":0,"maxAge":12}""", "Edad mínima de los hijos", "Edad máxima de los hijos")]
    [InlineData("""{"kind":"event","type":"email.opened","op":"gte","count":2,"channel":"email"}""", "Canal del evento", "Correo abierto")]
    [InlineData("""{"kind":"event","type":"encuesta.respondida","op":"gte","count":1,"channel":"kiosko"}""", "kiosko", "encuesta.respondida")]
    [InlineData("""{"kind":"tag","names":["vip","newsletter"],"match":"all"}""", "Todas las etiquetas", "newsletter")]
    [InlineData("""{"kind":"attribute","field":"state","op":"in","values":["Jalisco","Nuevo León"]}""", "Jalisco, Nuevo León", "es uno de")]
    [InlineData("""{"kind":"consent","channel":"whatsapp","purpose":"surveys","status":"withdrawn"}""", "WhatsApp", "Encuestas")]
    [InlineData("""{"kind":"organization","decisionMaker":false}""", "No toma decisiones", "Industria")]
    public async Task Shows_form_fields_in_spanish(string json, string shown, string alsoShown)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-MX");
        try
        {
            await using var ctx = new BunitContext();
            ctx.JSInterop.Mode = JSRuntimeMode.Loose;
            ctx.Services.AddMudServices();
            ctx.Services.AddLocalization();
            var node = BuilderNode.From(System.Text.Json.JsonSerializer.Deserialize<Condition>(json, SegmentDefinition.Json)!);
            var choices = BuilderChoices.None with { Tags = ["kids-club", "vip"] };

            var editor = ctx.Render<CascadingValue<BuilderChoices>>(p => p
                .Add(c => c.Value, choices)
                .AddChildContent<ConditionEditor>(e => e.Add(x => x.Node, node)));

            Assert.DoesNotContain("JSON", editor.Markup, StringComparison.Ordinal);
            Assert.Contains(shown, editor.Markup, StringComparison.Ordinal);
            Assert.Contains(alsoShown, editor.Markup, StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
