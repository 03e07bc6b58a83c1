import { backlogOf, initialIndexer, oldestAgeSeconds, stepIndexer, type IndexerModel } from './indexer-model';
import { billed } from './pods';
import { initialSearch, stepSearch, type SearchModel } from './search-model';
import { rates, type DayProfile } from './traffic';

/** The whole deployment under simulation. */
export type Scenario = {
  name: string;
  indexer: IndexerModel;
  search: SearchModel;
  /** Seconds from a scale-up decision to a new pod serving (scheduling, image pull on a warm node, start, probe). */
  podStartSeconds: number;
  /** Freshness added by the pipeline itself when nothing waits (measured p50 publish → indexed). */
  pipelineSeconds: number;
};

/** The state of the deployment at one moment (kept once a minute for the report). */
export type Sample = {
  t: number;
  updatesPerSecond: number;
  backlog: number;
  oldestAgeSeconds: number;
  indexers: number;
  indexersDesired: number;
  searchesPerSecond: number;
  apiReplicas: number;
  apiDesired: number;
  cpuPercent: number;
  esUtilization: number;
  latencyMs: number;
  shedShare: number;
};

/** A day's outcome: samples, the freshness of every update (weighted), cost and what users saw. */
export type DayResult = {
  scenario: string;
  samples: Sample[];
  freshness: { waitSeconds: number; count: number }[];
  replicaHours: { indexer: number; search: number };
  searches: { total: number; shed: number; slow: number };
};

/** Weighted percentile of (value, weight) pairs. */
export function percentile(values: { value: number; weight: number }[], p: number): number {
  const sorted = [...values].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, v) => sum + v.weight, 0);
  let seen = 0;
  for (const v of sorted) {
    seen += v.weight;
    if (seen >= total * p) return v.value;
  }
  return sorted.at(-1)?.value ?? 0;
}

/** Simulate `seconds` of the profile in steps of `dt`, the HPA syncing every `syncSeconds`. */
export function simulateDay(scenario: Scenario, profile: DayProfile, o: { seconds?: number; dt?: number; syncSeconds?: number; slowMs?: number } = {}): DayResult {
  const { seconds = 86_400, dt = 5, syncSeconds = 15, slowMs = 500 } = o;
  let indexer = initialIndexer(scenario.indexer);
  let search = initialSearch(scenario.search);
  const samples: Sample[] = [];
  const freshness: DayResult['freshness'] = [];
  const replicaHours = { indexer: 0, search: 0 };
  const searches = { total: 0, shed: 0, slow: 0 };
  for (let now = 0; now < seconds; now += dt) {
    const { updates, searches: searchRate } = rates(profile, now);
    const sync = now % syncSeconds === 0;
    const i = stepIndexer(indexer, scenario.indexer, { now, dt, updatesPerSecond: updates, sync, podStartSeconds: scenario.podStartSeconds });
    const s = stepSearch(search, scenario.search, { now, dt, searchesPerSecond: searchRate, sync, podStartSeconds: scenario.podStartSeconds });
    replicaHours.indexer += (billed(indexer.pods) * dt) / 3600;
    replicaHours.search += (billed(search.pods) * dt) / 3600;
    searches.total += searchRate * dt;
    searches.shed += searchRate * dt * s.served.shedShare;
    if (s.served.latencyMs >= slowMs) searches.slow += searchRate * dt;
    for (const x of i.served) freshness.push({ waitSeconds: x.waitSeconds + scenario.pipelineSeconds, count: x.count });
    indexer = i.state;
    search = s.state;
    if (now % 60 === 0)
      samples.push({
        t: now,
        updatesPerSecond: updates,
        backlog: backlogOf(indexer),
        oldestAgeSeconds: oldestAgeSeconds(indexer, now + dt),
        indexers: indexer.pods.ready,
        indexersDesired: indexer.pods.desired,
        searchesPerSecond: searchRate,
        apiReplicas: search.pods.ready,
        apiDesired: search.pods.desired,
        cpuPercent: s.served.cpuPercent,
        esUtilization: s.served.esUtilization,
        latencyMs: s.served.latencyMs,
        shedShare: s.served.shedShare,
      });
  }
  return { scenario: scenario.name, samples, freshness, replicaHours, searches };
}

/** The numbers a reader compares between scenarios. */
export function summarize(r: DayResult) {
  const fresh = r.freshness.map((f) => ({ value: f.waitSeconds, weight: f.count }));
  const updates = fresh.reduce((sum, f) => sum + f.weight, 0);
  const stale = fresh.filter((f) => f.value > 60).reduce((sum, f) => sum + f.weight, 0);
  return {
    scenario: r.scenario,
    indexerReplicaHours: r.replicaHours.indexer,
    searchReplicaHours: r.replicaHours.search,
    maxBacklog: Math.max(...r.samples.map((s) => s.backlog)),
    freshnessP50Seconds: percentile(fresh, 0.5),
    freshnessP99Seconds: percentile(fresh, 0.99),
    freshnessMaxSeconds: Math.max(...fresh.map((f) => f.value)),
    updatesOlderThan60sShare: updates > 0 ? stale / updates : 0,
    maxLatencyMs: Math.max(...r.samples.map((s) => s.latencyMs)),
    searchesShedShare: r.searches.total > 0 ? r.searches.shed / r.searches.total : 0,
    searchesSlowShare: r.searches.total > 0 ? r.searches.slow / r.searches.total : 0,
  };
}
