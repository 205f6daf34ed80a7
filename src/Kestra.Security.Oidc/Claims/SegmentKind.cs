namespace Kestra.Security.Oidc.Claims;

/// <summary>What one step of a compiled claim path does.</summary>
internal enum SegmentKind : byte
{
    /// <summary>Reads a named member of an object.</summary>
    Property,

    /// <summary>Reads one element of an array (negative counts from the end).</summary>
    Index,

    /// <summary>Projects the rest of the path over every element of an array (<c>[*]</c>).</summary>
    Wildcard,

    /// <summary>An RFC 6901 reference token: a member name, or an index when applied to an array.</summary>
    PointerToken,
}
