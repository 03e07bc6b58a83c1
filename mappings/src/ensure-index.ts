import type { Client } from '@elastic/elasticsearch';
import { familiesAlias } from '@catalog/contract';
import { familyIndexDefinition } from './families';
import { missingProperties, productIndexDefinition, versionedIndexName, type IndexDefinition, type IndexSizing } from './index';

/** The index an alias points at, and what ensuring it did. */
export type EnsuredIndex = {
  index: string;
  created: boolean;
  /** Top-level fields of the current definition that the existing index lacked and now has. */
  addedFields: string[];
};

/**
 * Make sure `alias` points at an index: when the alias is missing, create `<alias>-v<version>` from the
 * definition and point the alias at it. Idempotent. An existing alias keeps its index even if its version is
 * older (rebuilding is the reindex command's job), but gets the top-level fields the definition added (e.g.
 * `groupId` in products v3): the mapping is `strict`, so without them every document carrying a new field would
 * be refused until a reindex. A field whose definition changed still needs the reindex.
 */
async function ensureAliasedIndex(es: Client, alias: string, def: IndexDefinition): Promise<EnsuredIndex> {
  if (await es.indices.existsAlias({ name: alias })) {
    const [current] = Object.keys(await es.indices.getAlias({ name: alias }));
    if (current) return { index: current, created: false, addedFields: await addMissingFields(es, current, def) };
  }
  const index = versionedIndexName(alias, def.version);
  const exists = await es.indices.exists({ index });
  if (!exists) {
    await es.indices.create({ index, settings: def.settings, mappings: def.mappings });
  }
  await es.indices.updateAliases({ actions: [{ add: { index, alias, is_write_index: true } }] });
  return { index, created: !exists, addedFields: exists ? await addMissingFields(es, index, def) : [] };
}

/** Add the definition's top-level fields that `index` lacks (an additive mapping update); their names. */
async function addMissingFields(es: Client, index: string, def: IndexDefinition): Promise<string[]> {
  const live = await es.indices.getMapping({ index });
  const properties = missingProperties(def.mappings, live[index]?.mappings ?? {});
  const names = Object.keys(properties);
  // Spread like `def.mappings` into indices.create: the definition is JSON the index validates.
  const update: Record<string, unknown> = { properties };
  if (names.length > 0) await es.indices.putMapping({ index, ...update });
  return names;
}

/**
 * Make sure `alias` points at a products index and its families alias (`familiesAlias(alias)`, issue 17) at a
 * families index, each created from the current definition when missing. The result names the products index.
 */
export async function ensureProductIndex(es: Client, alias: string, sizing: IndexSizing = {}): Promise<EnsuredIndex> {
  const products = await ensureAliasedIndex(es, alias, productIndexDefinition(sizing));
  await ensureAliasedIndex(es, familiesAlias(alias), familyIndexDefinition(sizing));
  return products;
}

/** Delete a test alias's indices (products and families); missing is fine. */
export async function deleteProductIndices(es: Client, alias: string): Promise<void> {
  // Wildcard deletes are refused by default (action.destructive_requires_name), so resolve names first.
  const pattern = [`${alias}-v*`, `${familiesAlias(alias)}-v*`];
  const indices = Object.keys(await es.indices.get({ index: pattern, allow_no_indices: true }));
  if (indices.length > 0) await es.indices.delete({ index: indices }, { ignore: [404] });
}
