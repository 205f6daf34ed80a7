using System.Text.Json;
using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tests.Claims;

public sealed class ClaimPathEvaluateTests
{
    private static ClaimPathResult Eval(string path, byte[] payload, ClaimPathEvaluationOptions? options = null) =>
        ClaimPath.Parse(path).Evaluate(payload, options);

    [TestCase("resource_access.kestra.roles", new[] { "kestra-admin", "kestra-developer", "kestra-viewer" })]
    [TestCase("realm_access.roles", new[] { "offline_access", "uma_authorization", "default-roles-kestra" })]
    [TestCase("groups", new[] { "/engineering", "/engineering/data", "/ops" })]
    [TestCase("resource_access.\"my.client\".roles", new[] { "dotted-client-role" })]
    [TestCase(@"resource_access.my\.client.roles", new[] { "dotted-client-role" })]
    [TestCase("resource_access['my.client'].roles", new[] { "dotted-client-role" })]
    [TestCase("/resource_access/kestra/roles", new[] { "kestra-admin", "kestra-developer", "kestra-viewer" })]
    [TestCase("/resource_access/my.client/roles/0", new[] { "dotted-client-role" })]
    [TestCase("groups[1]", new[] { "/engineering/data" })]
    [TestCase("groups[-1]", new[] { "/ops" })]
    [TestCase("/groups/2", new[] { "/ops" })]
    [TestCase("cognito:groups", new[] { "eu-west-admins" })]
    [TestCase("allowed-origins", new[] { "https://kestra.example.com" })]
    [TestCase("email", new[] { "ada@example.com" })]
    [TestCase("scope", new[] { "openid email profile" })]
    public void Keycloak_id_token_paths_yield_their_strings(string path, string[] expected)
    {
        var result = Eval(path, ClaimPayloads.Keycloak);

        result.Values.Should().Equal(expected);
        result.Found.Should().BeTrue();
    }

    [Test]
    public void A_whole_path_that_names_a_top_level_claim_is_used_literally()
    {
        var result = Eval("https://kestra.io/groups", ClaimPayloads.Keycloak);

        result.Values.Should().Equal("kestra-admins");
        result.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Without_the_literal_claim_the_same_text_is_walked_as_a_path()
    {
        var payload = ClaimPayloads.Json("{'https://kestra': {'io/groups': ['walked']}}");

        Eval("https://kestra.io/groups", payload).Values.Should().Equal("walked");
    }

    [Test]
    public void The_literal_claim_wins_over_the_walked_path_wherever_it_appears()
    {
        var payload = ClaimPayloads.Json("{'a': {'b': ['walked']}, 'a.b': ['literal']}");

        Eval("a.b", payload).Values.Should().Equal("literal");
    }

    [Test]
    public void A_literal_pointer_looking_claim_wins_over_the_pointer()
    {
        var payload = ClaimPayloads.Json("{'groups': ['pointer'], '/groups': ['literal']}");

        Eval("/groups", payload).Values.Should().Equal("literal");
    }

    [Test]
    public void A_single_string_is_one_value_and_never_split_by_default()
    {
        var result = Eval("roles_csv", ClaimPayloads.Gateway);

        result.Values.Should().Equal("admin, viewer,,ops");
    }

    [Test]
    public void A_single_string_is_split_when_a_delimiter_is_asked_for()
    {
        var options = new ClaimPathEvaluationOptions { Delimiter = "," };

        Eval("roles_csv", ClaimPayloads.Gateway, options).Values.Should().Equal("admin", "viewer", "ops");
        Eval("roles_spaced", ClaimPayloads.Gateway, new ClaimPathEvaluationOptions { Delimiter = " " })
            .Values.Should().Equal("admin", "viewer");
    }

    [Test]
    public void A_leaf_string_holding_a_json_array_is_parsed_only_when_asked()
    {
        Eval("roles_json", ClaimPayloads.Gateway).Values.Should().Equal("[\"a\",\"b\",\"a\"]");

        var options = new ClaimPathEvaluationOptions { ParseJsonStringLeaf = true };
        Eval("roles_json", ClaimPayloads.Gateway, options).Values.Should().Equal("a", "b");
    }

    [Test]
    public void A_string_holding_json_that_the_path_continues_into_is_parsed_and_walked()
    {
        Eval("resource_access.kestra.roles", ClaimPayloads.Gateway).Values.Should().Equal("admin", "viewer");
        Eval("escaped_resource_access.kestra.roles", ClaimPayloads.Gateway).Values.Should().Equal("esc-admin");
    }

    [Test]
    public void A_string_holding_broken_json_gives_a_diagnostic_not_an_exception()
    {
        var result = Eval("broken.kestra", ClaimPayloads.Gateway);

        result.Values.Should().BeEmpty();
        result.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(ClaimPathDiagnosticCodes.InvalidEmbeddedJson);
        result.Diagnostics[0].Message.Should().StartWith("the value at `broken` is a string that looks like JSON but cannot be parsed: ");
    }

    [Test]
    public void A_plain_string_the_path_continues_into_is_a_wrong_shape()
    {
        var result = Eval("not_json.kestra", ClaimPayloads.Gateway);

        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be(
            "the value at `not_json` is a string (and does not hold a JSON object or array); cannot read `kestra` from it");
    }

    [Test]
    public void Arrays_keep_order_drop_duplicates_and_skip_non_strings_with_diagnostics()
    {
        var result = Eval("mixed", ClaimPayloads.Okta);

        result.Values.Should().Equal("a", "b");
        result.Found.Should().BeTrue();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "KSO3004: item 1 of `mixed` is a number; skipped",
            "KSO3004: item 2 of `mixed` is a boolean; skipped",
            "KSO3004: item 3 of `mixed` is null; skipped",
            "KSO3005: item 4 of `mixed` is an empty string; skipped",
            "KSO3004: item 6 of `mixed` is an array; skipped",
            "KSO3004: value at `mixed` holds 1 object, skipped; did you mean `mixed[*].x`?");
    }

    [Test]
    public void Projections_collect_names_of_group_objects_without_duplicates()
    {
        var result = Eval("groups[*].name", ClaimPayloads.Okta);

        result.Values.Should().Equal("Everyone", "kestra-admins");
        result.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void An_array_of_objects_as_leaf_suggests_a_projection()
    {
        var result = Eval("groups", ClaimPayloads.Okta);

        result.Values.Should().BeEmpty();
        result.Found.Should().BeTrue();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be(
            "value at `groups` holds 3 objects, skipped; did you mean `groups[*].name`?");
    }

    [Test]
    public void A_name_applied_to_an_array_suggests_a_projection()
    {
        var result = Eval("groups.name", ClaimPayloads.Okta);

        result.Diagnostics.Should().ContainSingle().Which.ToString().Should().Be(
            "KSO3002: the value at `groups` is an array, not an object; did you mean `groups[*].name`?");
    }

    [Test]
    public void An_object_leaf_suggests_its_first_list_or_string_member()
    {
        var result = Eval("resource_access.kestra", ClaimPayloads.Keycloak);

        result.Found.Should().BeTrue();
        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be(
            "value at `resource_access.kestra` is an object, not a string or an array of strings; did you mean `resource_access.kestra.roles`?");
    }

    [TestCase("number", "KSO3004: value at `number` is a number; only strings are used")]
    [TestCase("nothing", "KSO3004: value at `nothing` is null; only strings are used")]
    [TestCase("empty", "KSO3005: value at `empty` is an empty string; skipped")]
    public void Non_string_leaves_are_skipped_with_a_diagnostic(string path, string diagnostic)
    {
        var result = Eval(path, ClaimPayloads.Okta);

        result.Values.Should().BeEmpty();
        result.Found.Should().BeTrue();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(diagnostic);
    }

    [Test]
    public void A_missing_member_says_what_exists()
    {
        var result = Eval("resource_access.kestra.permissions", ClaimPayloads.Keycloak);

        result.Found.Should().BeFalse();
        result.Values.Should().BeEmpty();
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "KSO3001: `resource_access.kestra` exists but has no `permissions`");
    }

    [Test]
    public void A_missing_claim_is_an_empty_result_and_is_the_same_instance_every_time()
    {
        var path = ClaimPath.Parse("roles");

        var first = path.Evaluate(ClaimPayloads.Keycloak);
        var second = path.Evaluate(ClaimPayloads.Keycloak);

        first.Found.Should().BeFalse();
        first.Values.Should().BeEmpty();
        first.Diagnostics.Select(d => d.ToString()).Should().Equal("KSO3001: the payload has no claim `roles`");
        second.Should().BeSameAs(first);
    }

    [Test]
    public void A_member_that_differs_only_in_case_is_suggested()
    {
        var result = Eval("roles", ClaimPayloads.Okta);

        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Be(
            "the payload has no claim `roles`; did you mean `Roles`?");
    }

    [Test]
    public void An_index_out_of_range_says_how_many_items_there_are()
    {
        var result = Eval("groups[5]", ClaimPayloads.Keycloak);

        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "KSO3003: the value at `groups` has 3 items; index 5 is out of range");
    }

    [TestCase("groups[*]", "KSO3002: the value at `groups` is an object, not an array; `[*]` needs an array")]
    [TestCase("obj[0]", "KSO3002: the value at `obj` is an object, not an array; `[0]` needs an array")]
    [TestCase("number.x", "KSO3002: the value at `number` is a number; cannot read `x` from it")]
    [TestCase("/groups/first", "KSO3002: the value at `/groups` is an array and `first` is not an array index")]
    [TestCase("[0]", "KSO3002: the payload is an object, not an array; `[0]` needs an array")]
    public void Wrong_shapes_are_explained(string path, string diagnostic)
    {
        var payload = ClaimPayloads.Json("{'groups': {'a': ['x']}, 'obj': {}, 'number': 1}");
        if (path.StartsWith('/'))
        {
            payload = ClaimPayloads.Okta;
        }

        Eval(path, payload).Diagnostics.Select(d => d.ToString()).Should().Equal(diagnostic);
    }

    [Test]
    public void Escaped_member_names_in_the_json_still_match()
    {
        var payload = ClaimPayloads.Json(@"{'resource\u005faccess': {'my\u002eclient': {'r\u006fles': ['\u0061dmin']}}}");

        Eval("resource_access['my.client'].roles", payload).Values.Should().Equal("admin");
    }

    [Test]
    public void Duplicate_keys_use_the_first_and_say_so_when_the_whole_payload_is_validated()
    {
        var payload = ClaimPayloads.Json("{'groups': ['first'], 'groups': ['second']}");

        Eval("groups", payload).Values.Should().Equal("first");
        var result = Eval("groups", payload, new ClaimPathEvaluationOptions { ValidateWholePayload = true });

        result.Values.Should().Equal("first");
        result.Diagnostics.Select(d => d.ToString()).Should().Equal(
            "KSO3007: the payload has the key `groups` more than once; the first one is used");
    }

    [Test]
    public void An_empty_array_is_found_with_no_values()
    {
        var result = Eval("groups", ClaimPayloads.Json("{'groups': []}"));

        result.Found.Should().BeTrue();
        result.Values.Should().BeEmpty();
        result.Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void A_json_element_gives_the_same_result_as_the_bytes()
    {
        using var document = JsonDocument.Parse(ClaimPayloads.Keycloak);
        var path = ClaimPath.Parse("resource_access.kestra.roles");

        path.Evaluate(document.RootElement).Values.Should().Equal(path.Evaluate(ClaimPayloads.Keycloak).Values);
        ClaimPath.Parse("kestra.roles").Evaluate(document.RootElement.GetProperty("resource_access"))
            .Values.Should().Equal("kestra-admin", "kestra-developer", "kestra-viewer");
        FluentActions.Invoking(() => path.Evaluate(default(JsonElement)))
            .Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.NotAnObjectCode);
    }

    [Test]
    public void A_json_element_of_a_disposed_document_is_a_payload_error()
    {
        var document = JsonDocument.Parse(ClaimPayloads.Keycloak);
        var root = document.RootElement;
        document.Dispose();

        var act = () => ClaimPath.Parse("groups").Evaluate(root);

        act.Should().Throw<ClaimsPayloadException>().Which.Code.Should().Be(ClaimsPayloadException.MalformedCode);
    }

    [Test]
    public void Many_diagnostics_are_capped()
    {
        var payload = ClaimPayloads.Json("{'g': [" + string.Join(",", Enumerable.Range(0, 40)) + "]}");

        var result = Eval("g", payload);

        result.Diagnostics.Should().HaveCount(17);
        result.Diagnostics[^1].ToString().Should().Be("KSO3008: 24 more diagnostics for `g` were dropped");
    }

    [Test]
    public void Many_values_are_deduplicated_past_the_linear_limit()
    {
        var items = Enumerable.Range(0, 100).Select(i => $"'v{i % 50}'");
        var result = Eval("g", ClaimPayloads.Json("{'g': [" + string.Join(",", items) + "]}"));

        result.Values.Should().Equal(Enumerable.Range(0, 50).Select(i => $"v{i}"));
    }

    [TestCase("['a','b','c','d']", "a,b,c,d")]
    [TestCase("['a','b','c','d','a','e','d','f','e','g','h','i','b']", "a,b,c,d,e,f,g,h,i")]
    [TestCase("['a','a','a','a','a','b']", "a,b")]
    public void Values_keep_their_order_without_repeats_whether_few_or_more(string array, string expected)
    {
        // The first four values are kept in the evaluation itself, more in a pooled buffer (issue 15): a repeat is found on either side.
        var result = Eval("g", ClaimPayloads.Json("{'g': " + array + "}"));

        result.Values.Should().Equal(expected.Split(','));
    }

    [Test]
    public void Evaluation_is_thread_safe_on_a_shared_path()
    {
        var path = ClaimPath.Parse("resource_access.kestra.roles");
        var payload = ClaimPayloads.Keycloak;

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => path.Evaluate(payload).Values.ToArray()).ToList();

        results.Should().AllSatisfy(v => v.Should().Equal("kestra-admin", "kestra-developer", "kestra-viewer"));
    }

    [Test]
    public void Result_lists_cannot_be_modified_through_a_cast()
    {
        var result = Eval("groups", ClaimPayloads.Keycloak);

        result.Values.Should().NotBeAssignableTo<string[]>();
        ((ICollection<string>)result.Values).IsReadOnly.Should().BeTrue();
    }

    [Test]
    public void Options_reject_an_empty_delimiter_and_bad_depths()
    {
        FluentActions.Invoking(() => new ClaimPathEvaluationOptions { Delimiter = "" }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new ClaimPathEvaluationOptions { MaxDepth = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ClaimPathEvaluationOptions { MaxDepth = 257 }).Should().Throw<ArgumentOutOfRangeException>();
        ClaimPathEvaluationOptions.Default.MaxDepth.Should().Be(64);
    }
}
