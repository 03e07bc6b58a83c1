import { readFileSync } from 'node:fs';
import { z } from 'zod';

const here = (file: string) => new URL(`../${file}`, import.meta.url);

const IndexDefinition = z.object({
  version: z.number().int().positive(),
  settings: z.record(z.string(), z.unknown()),
  mappings: z.record(z.string(), z.unknown()),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;

/** Solr-format synonym rules from `synonyms.txt`: comments and blank lines dropped. */
export function parseSynonyms(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line.length > 0);
}

/** Per-environment index sizing; the mapping file's values stand where a field is undefined. */
export type IndexSizing = { shards?: number | undefined; replicas?: number | undefined };

/**
 * The products index definition with the synonym file rendered into `catalog_synonyms`. Synonyms go in as
 * a JSON array: `synonyms_path` is unavailable to stable plugins, and a plain string would be split on commas.
 */
export function productIndexDefinition(sizing: IndexSizing = {}): IndexDefinition {
  const def = IndexDefinition.parse(JSON.parse(readFileSync(here('products.json'), 'utf8')));
  const synonyms = parseSynonyms(readFileSync(here('synonyms.txt'), 'utf8'));
  const rendered = structuredClone(def);
  const analysis = z
    .object({ filter: z.object({ catalog_synonyms: z.object({ synonyms: z.array(z.string()) }).loose() }).loose() })
    .loose()
    .parse(rendered.settings.analysis);
  analysis.filter.catalog_synonyms.synonyms = synonyms;
  rendered.settings.analysis = analysis;
  if (sizing.shards !== undefined) rendered.settings.number_of_shards = sizing.shards;
  if (sizing.replicas !== undefined) rendered.settings.number_of_replicas = sizing.replicas;
  return rendered;
}

/** Concrete index name of a mapping version behind an alias: `products-v3`. */
export function versionedIndexName(alias: string, version: number): string {
  return `${alias}-v${version}`;
}

/** Version number of a concrete index name, or undefined when it is not `<alias>-v<N>`. */
export function parseIndexVersion(alias: string, index: string): number | undefined {
  const match = new RegExp(`^${alias}-v(\\d+)$`).exec(index);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

const Properties = z.object({ properties: z.record(z.string(), z.unknown()).default({}) }).loose();

/**
 * Top-level properties of `definition` that `live` (an index's current mapping) lacks: what an additive mapping
 * update adds. Fields present in both are left out even when they differ (only a reindex can change them).
 */
export function missingProperties(definition: unknown, live: unknown): Record<string, unknown> {
  const have = Properties.parse(live).properties;
  return Object.fromEntries(Object.entries(Properties.parse(definition).properties).filter(([name]) => !Object.hasOwn(have, name)));
}
