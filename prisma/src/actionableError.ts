/**
 * A failure the person running the command can act on (a wrong setting, an unreachable
 * database, a locked DATA_DIR): printed as one line, without a stack trace (cli/run.ts).
 */
export class ActionableError extends Error {
  readonly actionable = true;
}
