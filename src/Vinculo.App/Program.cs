using Vinculo.App.Cli;

return await VinculoCli.RunAsync(args);

/// <summary>Visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
