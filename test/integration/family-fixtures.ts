import type { Client } from '@elastic/elasticsearch';
import { familiesAlias } from '@catalog/contract';
import { familyDocumentsFor, ProductSource } from '../../indexer/src/families/to-family-document';

/**
 * The families index of directly written product documents (issue 17): what the indexer would derive from them.
 * Tests that bulk-write products themselves call this with the same documents (tombstones are ignored).
 */
export async function indexFamilies(es: Client, alias: string, productDocs: readonly Record<string, unknown>[]): Promise<void> {
  const families = familyDocumentsFor(productDocs.map((doc) => ProductSource.parse(doc)));
  if (families.length === 0) return;
  const index = familiesAlias(alias);
  const r = await es.bulk({ refresh: true, operations: families.flatMap((doc) => [{ index: { _index: index, _id: doc.familyKey } }, doc]) });
  if (r.errors) throw new Error(`family fixture bulk failed: ${JSON.stringify(r.items.find((i) => i.index?.error))}`);
}
