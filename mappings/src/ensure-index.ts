import type { Client } from '@elastic/elasticsearch';
import { productIndexDefinition, versionedIndexName, type IndexSizing } from './index';

/**
 * Make sure `alias` points at a products index: when the alias is missing, create
 * `<alias>-v<version>` from the current definition and point the alias at it. Idempotent; an existing
 * alias is left alone even if its version is older (moving it is the reindex command's job).
 */
export async function ensureProductIndex(es: Client, alias: string, sizing: IndexSizing = {}): Promise<{ index: string; created: boolean }> {
  if (await es.indices.existsAlias({ name: alias })) {
    const [current] = Object.keys(await es.indices.getAlias({ name: alias }));
    if (current) return { index: current, created: false };
  }
  const def = productIndexDefinition(sizing);
  const index = versionedIndexName(alias, def.version);
  const exists = await es.indices.exists({ index });
  if (!exists) {
    await es.indices.create({ index, settings: def.settings, mappings: def.mappings });
  }
  await es.indices.updateAliases({ actions: [{ add: { index, alias, is_write_index: true } }] });
  return { index, created: !exists };
}

/** Delete a test alias's indices; missing is fine. */
export async function deleteProductIndices(es: Client, alias: string): Promise<void> {
  // Wildcard deletes are refused by default (action.destructive_requires_name), so resolve names first.
  const indices = Object.keys(await es.indices.get({ index: `${alias}-v*`, allow_no_indices: true }));
  if (indices.length > 0) await es.indices.delete({ index: indices }, { ignore: [404] });
}
