using MudBlazor;

namespace Vinculo.App.Components.Layout;

/// <summary>Colours chosen for WCAG AA contrast (≥ 4.5:1) of text on them; system fonts, nothing fetched.</summary>
public static class VinculoTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0B4F6C",
            Secondary = "#8E3B46",
            Tertiary = "#2E6B30",
            AppbarBackground = "#0B4F6C",
            Background = "#F4F6F8",
            TextPrimary = "#1C2529",
            TextSecondary = "#3D4A50",
            DrawerText = "#1C2529",
            DrawerIcon = "#3D4A50",
            ActionDefault = "#3D4A50",
            // MudBlazor's defaults (bright green, orange, light blue) fall below 4.5:1 with white or on tints.
            Success = "#1B5E20",
            Warning = "#8A5300",
            Error = "#B71C1C",
            Info = "#0D47A1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"] },
        },
    };
}
