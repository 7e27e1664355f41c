// Names shared by the host and the in-isolate prelude.

/** The file name the prelude is compiled under; its frames are stripped from user-facing stacks. */
export const preludeFileName = "edge-playground:runtime";

/**
 * Where the host puts its dispatch function on a fresh context's global object just before the
 * prelude runs; the prelude's last statement takes it off again, before any worker code exists.
 * One script run then sets a context up.
 */
export const hostGlobalKey = "__edgePlaygroundHost";
