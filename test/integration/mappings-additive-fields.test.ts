import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { productIndexDefinition, versionedIndexName } from '@catalog/mappings';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { randomSuffix, stackClients } from './helpers';

const { es } = stackClients();
const alias = `additive-${randomSuffix()}`;

afterAll(async () => {
  await deleteProductIndices(es, alias);
});

describe('products mapping: fields added by a newer definition reach an existing index (issue 17)', () => {
  it('an index made before groupId/variantAttributes gets them from ensureProductIndex and then accepts a variant', async () => {
    const def = productIndexDefinition();
    const { groupId: _g, variantAttributes: _v, ...older } = z.object({ properties: z.record(z.string(), z.unknown()) }).parse(def.mappings).properties;
    const index = versionedIndexName(alias, def.version - 1);
    const mappings: Record<string, unknown> = { ...def.mappings, properties: older };
    await es.indices.create({ index, settings: def.settings, mappings });
    await es.cluster.health({ index, wait_for_status: 'yellow', timeout: '60s' });
    await es.indices.updateAliases({ actions: [{ add: { index, alias, is_write_index: true } }] });
    const variant = { id: 'V-1', title: 'Shirt - M - Blue', groupId: 'FAM-1', variantAttributes: ['size', 'color'] };
    // The mapping is strict: before the update this index refuses the document (strict_dynamic_mapping_exception;
    // not asserted here, because Elasticsearch takes its 30 s timeout to say so).
    expect(await ensureProductIndex(es, alias)).toEqual({ index, created: false, addedFields: ['groupId', 'variantAttributes'] });
    // Accepted once the additive update ran; a second run adds nothing.
    await es.index({ index: alias, id: 'V-1', document: variant, refresh: true });
    const found = await es.search({ index: alias, query: { bool: { filter: [{ term: { groupId: 'FAM-1' } }, { term: { variantAttributes: 'color' } }] } } });
    expect(found.hits.hits.map((h) => h._id)).toEqual(['V-1']);
    expect((await ensureProductIndex(es, alias)).addedFields).toEqual([]);
  }, 120_000);
});
