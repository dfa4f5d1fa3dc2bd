/**
 * Runs a command-line entry point: a failure a person can act on (an unreachable database, a
 * locked data directory) prints one line and exits 1; anything else is a bug and keeps its stack.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    // The migration engine leaves a timer behind that would hold the process for seconds.
    process.exit(0);
  } catch (error) {
    if (error instanceof Error && error.name === 'DatabaseUnavailableError') {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
