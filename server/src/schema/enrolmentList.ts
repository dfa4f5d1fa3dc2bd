// Filled in by the API work (issue 3); imported by schema/index.ts.
export {};
