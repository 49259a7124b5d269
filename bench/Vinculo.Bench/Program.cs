Console.WriteLine("usage: Vinculo.Bench <benchmark> [options]");
return 1;
