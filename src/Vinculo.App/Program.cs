using Vinculo.App.Cli;

return await VinculoCli.RunAsync(args);
