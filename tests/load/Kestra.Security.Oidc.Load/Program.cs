using Kestra.Security.Oidc.Load;

return await LoadRun.RunAsync(LoadSettings.Parse(args));
