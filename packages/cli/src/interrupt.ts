/**
 * Ctrl-C handling for long CLI work: the first SIGINT aborts the returned signal, so the running
 * command stops at the next checkpoint and writes what it has finished; a second SIGINT exits at once.
 */

/** Installs the SIGINT handler and returns a signal that is aborted on the first Ctrl-C. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  let count = 0;
  process.on("SIGINT", () => {
    count += 1;
    if (count === 1) {
      process.stderr.write(
        "\ninterrupted: finishing the current unit and keeping what is done (Ctrl-C again to quit)\n",
      );
      controller.abort();
    } else {
      process.exit(130);
    }
  });
  return controller.signal;
}
