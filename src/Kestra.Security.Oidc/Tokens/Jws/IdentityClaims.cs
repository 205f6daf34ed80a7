using Kestra.Security.Oidc.Claims;

namespace Kestra.Security.Oidc.Tokens.Jws;

/// <summary>
/// Where a validated payload's <c>sub</c>, <c>preferred_username</c> and <c>email</c> lie, as the payload reader found them in
/// its one pass: the role resolver takes the identity from here instead of reading the payload once more (issue 15).
/// </summary>
internal readonly record struct IdentityClaims(ClaimValue Subject, ClaimValue Username, ClaimValue Email)
{
    /// <param name="claims">The claims as the payload pass located them.</param>
    /// <param name="located">The groups claim path the pass located the first member of, or null.</param>
    /// <param name="validatedSubject">The validator's subject: decoded from <c>sub</c> when it is a non-empty string (reused, not copied).</param>
    /// <param name="payload">The validated payload the claims lie in (the validation result keeps it).</param>
    public static IdentityClaims Of(in RegisteredClaims claims, ClaimPath? located, string validatedSubject, ReadOnlyMemory<byte> payload) =>
        new(claims.Subject, claims.PreferredUsername, claims.Email) { GroupsPath = located, GroupsStart = claims.LocatedStart, GroupsLength = claims.LocatedLength, ValidatedSubject = validatedSubject, Payload = payload };

    /// <summary>The validated payload the claims lie in.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The subject the validator decoded (from <c>sub</c> when that is a non-empty string; otherwise its <c>client_id</c>).</summary>
    public required string ValidatedSubject { get; init; }

    /// <summary>The groups claim path whose first member the payload pass located, or null.</summary>
    public ClaimPath? GroupsPath { get; init; }

    /// <summary>Where that member's value begins, plus one (0: the member is absent, or nothing was located).</summary>
    public int GroupsStart { get; init; }

    /// <summary>How many bytes that value spans.</summary>
    public int GroupsLength { get; init; }

    /// <summary>Where the value of <paramref name="path"/>'s first member begins in the payload and how long it is, when this pass located it for that path.</summary>
    public bool TryGetGroupsValue(ClaimPath path, out int start, out int length)
    {
        start = GroupsStart - 1;
        length = GroupsLength;
        return GroupsStart > 0 && GroupsPath is { } located && located.Equals(path);
    }

    /// <summary>
    /// The three claims as the resolver's single-name paths give them (a non-empty string, else <see langword="null"/>), with
    /// <c>preferred_username</c> and <c>email</c> decoded only when a caller asks for them (<see cref="DeferredText"/>: the request
    /// path rarely does, issue 15); <see langword="false"/> when one is present but not a string (an array, say): the caller then
    /// reads the payload itself.
    /// </summary>
    public bool TryDefer(out string? subject, out DeferredText username, out DeferredText email)
    {
        subject = null;
        username = email = default;
        if ((Subject.IsPresent && !Subject.IsString) || (Username.IsPresent && !Username.IsString) || (Email.IsPresent && !Email.IsString))
        {
            return false;
        }

        if (Subject.IsString && Subject.Length > 0)
        {
            subject = ValidatedSubject;
        }

        username = new DeferredText(Payload, Username);
        email = new DeferredText(Payload, Email);
        return true;
    }
}

/// <summary>A string claim located in a validated payload, decoded when asked: a non-empty string, else <see langword="null"/>.</summary>
internal readonly record struct DeferredText(ReadOnlyMemory<byte> Payload, ClaimValue Claim)
{
    public string? Decode() => Claim.IsString && Claim.Length > 0 ? Claim.GetString(Payload.Span) : null;
}
