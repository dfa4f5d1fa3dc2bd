/**
 * True for an ActionableError (actionableError.ts), by its mark rather than `instanceof`: the
 * server's copy of the class may come from another module instance than this one's.
 */
export function isActionable(error: unknown): error is Error {
  return error instanceof Error && (error as { actionable?: unknown }).actionable === true;
}

/**
 * Runs a command-line entry point: a failure a person can act on prints one line and exits 1;
 * anything else is a bug and keeps its stack.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    // The migration engine leaves a timer behind that would hold the process for seconds.
    process.exit(0);
  } catch (error) {
    if (isActionable(error)) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
