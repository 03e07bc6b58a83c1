import type { Client } from '@elastic/elasticsearch';
import { merchAuditIndexName, SYNONYM_LIMITS, SynonymSet, synonymIndexName, type SynonymSetInput } from '@catalog/contract';
import { createVersionedStore, type VersionedStore } from './versioned-store';

export type SynonymStore = VersionedStore<SynonymSetInput, SynonymSet>;

/** Synonym sets in `<alias>-synonyms`, changes audited in `<alias>-merch-audit` (kind `synonym`). */
export function createSynonymStore(o: { client: Client; alias: string; now?: () => Date }): SynonymStore {
  return createVersionedStore<SynonymSetInput, SynonymSet>({
    client: o.client,
    index: synonymIndexName(o.alias),
    auditIndex: merchAuditIndexName(o.alias),
    kind: 'synonym',
    schema: SynonymSet,
    maxItems: SYNONYM_LIMITS.sets,
    mappings: {
      dynamic: 'strict',
      properties: {
        id: { type: 'keyword' },
        type: { type: 'keyword' },
        terms: { type: 'keyword' },
        from: { type: 'keyword' },
        to: { type: 'keyword' },
        version: { type: 'integer' },
        updatedAt: { type: 'date' },
        updatedBy: { type: 'keyword' },
      },
    },
    now: o.now,
  });
}
