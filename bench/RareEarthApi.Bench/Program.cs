using RareEarthApi.Bench;

// Benchmark harness for scripts/bench.sh. Each command prints one JSON object on stdout (serve prints nothing and
// runs until stopped). Options are "--name value" pairs; see each command.
return args.FirstOrDefault() switch
{
    "serve" => await ServeCommand.RunAsync(args[1..]),
    "publish" => await PublishCommand.RunAsync(BenchArgs.Parse(args[1..])),
    "coldstart" => await ColdStartCommand.RunAsync(BenchArgs.Parse(args[1..])),
    "cleanup" => await BenchStorage.DeleteTablesAsync(BenchArgs.Parse(args[1..]).Required("prefix")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: RareEarthApi.Bench serve|publish|coldstart|cleanup [--option value ...]");
    return 2;
}
