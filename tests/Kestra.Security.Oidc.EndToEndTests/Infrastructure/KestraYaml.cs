namespace Kestra.Security.Oidc.EndToEndTests.Infrastructure;

/// <summary>The Kestra YAML the tests hand to the web sample: Kestra's Keycloak guide, pointed at the test provider.</summary>
internal static class KestraYaml
{
    public const string ClientName = "keycloak";

    public static string Write(string directory, Uri issuer, Uri kestraUrl, bool getAllowed = true)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "application.yml");
        File.WriteAllText(path, $$"""
            # Written by the end-to-end tests: Kestra's Keycloak guide against the test OpenID provider.
            micronaut:
              security:
                oauth2:
                  enabled: true
                  clients:
                    {{ClientName}}:
                      client-id: "kestra"
                      client-secret: "kestra-secret"
                      openid:
                        issuer: "{{issuer.AbsoluteUri.TrimEnd('/')}}"
                      scopes: ["openid", "profile", "email", "roles"]
                endpoints:
                  logout:
                    get-allowed: {{(getAllowed ? "true" : "false")}}

            kestra:
              url: "{{kestraUrl.AbsoluteUri.TrimEnd('/')}}"
              security:
                defaultRole:
                  name: Editor
                  description: Default Editor role
                  permissions:
                    FLOW: ["CREATE", "READ", "UPDATE", "DELETE"]
                    EXECUTION:
                      - CREATE
                      - READ
                      - UPDATE
                      - DELETE
                oidc:
                  groups-claim-path: "resource_access.kestra.roles"

            # The library's extension (not a Kestra key): the role Keycloak's client role "Admins" carries.
            kestra-security-oidc:
              roles:
                Admin:
                  permissions:
                    FLOW: [CREATE, READ, UPDATE, DELETE]
                    NAMESPACE: [READ]
              group-bindings:
                - group: Admins
                  roles: [Admin]

            """);
        return path;
    }
}
