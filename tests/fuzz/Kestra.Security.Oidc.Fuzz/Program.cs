using Kestra.Security.Oidc.Fuzz;

return FuzzCommand.Run(args);
