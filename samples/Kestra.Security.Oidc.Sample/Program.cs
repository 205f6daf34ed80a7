using Kestra.Security.Oidc.Sample.Cli;

return await ConsoleApp.RunAsync(args);
