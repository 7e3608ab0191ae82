/**
 * Store requests one process keeps in flight at most: fewer than the 50
 * sockets the SDK's HTTP handler opens per host, so no request waits for a
 * socket (issue 18: starting one Query per service at once queued 433 of
 * them and drew the SDK's socket-capacity warning).
 */
const REQUESTS_IN_FLIGHT = 32;

/**
 * Runs `task` over `items` with at most `limit` running at once and returns
 * the results in the items' order. A failure rejects the whole run; tasks
 * already started are not cancelled.
 *
 * @param items - the work
 * @param limit - how many tasks may run at once (at least 1)
 * @param task - called with each item and its index
 */
const mapLimit = async <T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker)
  );
  return results;
};

export { mapLimit, REQUESTS_IN_FLIGHT };
