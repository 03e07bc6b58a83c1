import type { Metrics } from '../metrics';
import { toHttpProblem } from './es-errors';

/** One Elasticsearch call timed in `esDuration`; a failure becomes an HTTP problem by the one classification. */
export async function timedEsCall<T>(metrics: Metrics | undefined, operation: string, fn: () => Promise<T>): Promise<T> {
  const end = metrics?.esDuration.startTimer({ operation });
  try {
    const result = await fn();
    end?.({ outcome: 'ok' });
    return result;
  } catch (err) {
    end?.({ outcome: 'error' });
    throw toHttpProblem(err);
  }
}
