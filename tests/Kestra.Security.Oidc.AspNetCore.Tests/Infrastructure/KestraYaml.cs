namespace Kestra.Security.Oidc.AspNetCore.Tests.Infrastructure;

/// <summary>Kestra's Keycloak guide against <see cref="TestProvider"/>: Admins get Admin on namespace <c>company</c>; no groups → Editor.</summary>
internal static class KestraYaml
{
    public static string Guide(bool getAllowed = true, string extra = "") => $$"""
        micronaut:
          security:
            oauth2:
              enabled: true
              clients:
                keycloak:
                  client-id: "kestra"
                  client-secret: "kestra-secret"
                  openid:
                    issuer: "{{TestProvider.Issuer}}"
                  scopes: ["openid", "profile", "email", "roles"]
            endpoints:
              logout:
                get-allowed: {{(getAllowed ? "true" : "false")}}
        kestra:
          url: "http://localhost"
          security:
            defaultRole:
              name: Editor
              permissions:
                FLOW: ["READ"]
            oidc:
              groups-claim-path: "resource_access.kestra.roles"
        kestra-security-oidc:
          roles:
            Admin:
              permissions:
                FLOW: [CREATE, READ, UPDATE, DELETE]
                EXECUTION: [CREATE, READ]
          group-bindings:
            - group: Admins
              roles: [Admin]
              namespace: company
        {{extra}}
        """;
}
