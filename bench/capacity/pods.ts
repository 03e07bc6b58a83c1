/** Replicas of a workload: the count asked for, those serving, and when each starting one will serve. */
export type Pods = { desired: number; ready: number; starting: number[] };

/**
 * Move pods towards `desired` at `now`: starting pods whose time has come become ready; more pods start and
 * serve `startSeconds` later; fewer pods are removed at once, starting ones first (they serve nothing yet).
 */
export function resize(pods: Pods, desired: number, now: number, startSeconds: number): Pods {
  const becameReady = pods.starting.filter((at) => at <= now).length;
  let ready = pods.ready + becameReady;
  let starting = pods.starting.filter((at) => at > now);
  const total = ready + starting.length;
  if (desired > total) starting = [...starting, ...Array.from({ length: desired - total }, () => now + startSeconds)];
  if (desired < total) {
    let remove = total - desired;
    const fromStarting = Math.min(remove, starting.length);
    starting = starting.slice(0, starting.length - fromStarting);
    remove -= fromStarting;
    ready -= remove;
  }
  return { desired, ready, starting };
}

/** Pods that cost money at this moment: every pod scheduled, serving or not. */
export const billed = (pods: Pods): number => pods.ready + pods.starting.length;
