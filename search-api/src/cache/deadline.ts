/**
 * `promise`, or `onTimeout()` once `ms` have passed without it settling. Unlike a plain timer race, a deadline that
 * fires late because this process was busy (event-loop lag on a loaded machine) first lets the I/O that arrived
 * meanwhile settle: the rejection is deferred with `setImmediate`, which runs after the poll phase has delivered
 * every pending socket read. So an answer that came back in time is never counted as a timeout because of our own
 * lag, and the wait is still bounded by `ms` plus that lag.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(onTimeout());
      });
    }, ms);
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
