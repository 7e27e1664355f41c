// The protocol's version. The client says which version it speaks in `hello`; the server refuses
// any other with `version_mismatch` (the page must be reloaded). Bump on any incompatible change.
export const protocolVersion = 3;
