/**
 * Test helper: polls a read until a condition holds (runs finishing, epochs being stored). Shared by the
 * integration tests so each does not grow its own loop.
 */

/**
 * Polls `read` every `intervalMs` until `done(value)`; @returns that value.
 * @throws after `timeoutMs`, with the last value read.
 */
export async function waitForValue<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
