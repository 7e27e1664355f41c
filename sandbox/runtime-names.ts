// Names shared by the host and the in-isolate prelude.

/** The file name the prelude is compiled under; its frames are stripped from user-facing stacks. */
export const preludeFileName = "edge-playground:runtime";
