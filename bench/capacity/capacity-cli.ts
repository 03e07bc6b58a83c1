import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderKustomization } from '../../deploy/render/kustomize';
import { autoscalingPolicies } from '../../deploy/render/policies';
import { DESIGN, MEASURED } from './measured';
import { comparison, summary, timeline } from './report';
import { autoscaled, fixed, peaks, replicasFor } from './scenarios';
import { simulateDay } from './simulate';
import { blackFriday } from './traffic';

const HELP = `npm run capacity -- [options]
A SIMULATION (not a measurement) of one Black Friday under the manifests' KEDA and HPA policies, from
per-replica figures measured on this machine; compared with fixed-size deployments.
  --overlay <name>         deploy/overlays/<name> to read the autoscaling policies from (external-es)
  --updates <n>            base product updates/s (300)     --update-burst <x>  update burst factor (50)
  --searches <n>           base searches/s (300)            --search-peak <x>   search peak factor (20)
  --hit-ratio <0..1>       share of searches served by Memcached (0.8)
  --pod-start <s>          seconds from scale-up to a serving pod (30)`;

const { values } = parseArgs({
  options: {
    overlay: { type: 'string', default: 'external-es' },
    updates: { type: 'string', default: '300' },
    searches: { type: 'string', default: '300' },
    'update-burst': { type: 'string', default: '50' },
    'search-peak': { type: 'string', default: '20' },
    'hit-ratio': { type: 'string', default: '0.8' },
    'pod-start': { type: 'string', default: '30' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const Flags = z.object({
  overlay: z.string().regex(/^[a-z0-9-]+$/),
  updates: z.coerce.number().positive().max(1e6),
  searches: z.coerce.number().positive().max(1e6),
  updateBurst: z.coerce.number().min(1).max(1000),
  searchPeak: z.coerce.number().min(1).max(1000),
  hitRatio: z.coerce.number().min(0).max(1),
  podStart: z.coerce.number().min(0).max(3600),
});
const parsed = Flags.safeParse({ ...values, updateBurst: values['update-burst'], searchPeak: values['search-peak'], hitRatio: values['hit-ratio'], podStart: values['pod-start'] });
if (!parsed.success) {
  console.error(`capacity: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${HELP}`);
  process.exit(2);
}
const f = parsed.data;

const policies = autoscalingPolicies(renderKustomization(join(resolve(import.meta.dirname, '../..'), 'deploy/overlays', f.overlay)));
const profile = blackFriday({ updatesPerSecond: f.updates, searchesPerSecond: f.searches, updateBurst: f.updateBurst, searchPeak: f.searchPeak });
const base = autoscaled(policies, { hitRatio: f.hitRatio, podStartSeconds: f.podStart });
const { normal, burst } = peaks(profile);
const forNormal = replicasFor(base, normal);
const forBurst = replicasFor(base, burst);
const results = [
  simulateDay(base, profile),
  simulateDay(fixed(base, 'fixed-normal', forNormal.indexers, forNormal.apiPods), profile),
  simulateDay(fixed(base, 'fixed-peak', forBurst.indexers, forBurst.apiPods), profile),
];
const [auto] = results;
if (!auto) throw new Error('no result');

console.log(`CAPACITY MODEL — a simulation, not a measurement.
Measured on this machine (2 shared cores; floors): indexer ${MEASURED.indexerDocsPerSecond} docs/s per replica, Elasticsearch bulk
${MEASURED.elasticsearchBulkDocsPerSecondPerNode} docs/s per node; search-api ${MEASURED.searchCachedRps} cached req/s per replica (p50 ${MEASURED.searchCachedP50Ms} ms), ${MEASURED.searchUncachedRps} uncached req/s
(p50 ${MEASURED.searchUncachedP50Ms} ms, Elasticsearch-bound), ${MEASURED.searchApiUncachedCpuMs} ms API CPU per miss; pipeline freshness p50 ${MEASURED.freshnessP50Ms} ms.
Assumed: ${DESIGN.elasticsearchDataNodes} Elasticsearch data nodes scaling those per-node rates; cache hit ratio ${f.hitRatio}; pods serve ${f.podStart} s after
a scale-up; Cloud Monitoring shows the backlog 60–180 s late; CPU seen 30 s late; FIFO delivery; queueing latency ~ p50 / (1 − utilisation).
Policies from deploy/overlays/${f.overlay}: indexer KEDA ${policies.indexer.minReplicaCount}–${policies.indexer.maxReplicaCount} replicas (backlog ${base.indexer.backlogTarget}/replica, age ${base.indexer.ageTargetSeconds} s);
search-api HPA ${policies.searchApi.minReplicas}–${policies.searchApi.maxReplicas} replicas at ${base.search.targetUtilizationPercent} % CPU.
Day: ${f.updates} updates/s and ${f.searches} searches/s on a daily curve (±60 %, peak 19:00); updates ×${f.updateBurst} at 00:00–00:20, 09:00–09:10,
20:00–20:15; searches ×${f.searchPeak} at 00:00–01:00 and 20:00–21:00. Fixed sizes: normal day peak ${forNormal.indexers} indexers / ${forNormal.apiPods} api pods,
burst peak ${forBurst.indexers} / ${forBurst.apiPods}.

Autoscaled, every 30 minutes:
${timeline(auto, 1800)}

Autoscaled, the midnight launch minute by minute (every 2 min):
${timeline(auto, 120, 0, 45 * 60)}

Autoscaled, the evening deals (every 2 min):
${timeline(auto, 120, 20 * 3600 - 120, 21 * 3600 + 20 * 60)}

Oldest unacked update and search latency: every 2 hours, and every 5 minutes while a scenario lags:
${comparison(results, 7200, 300)}

The day:
${summary(results)}`);
