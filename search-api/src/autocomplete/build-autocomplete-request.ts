import type { estypes } from '@elastic/elasticsearch';
import { IS_TOMBSTONE } from '../search/filters';
import { boostFunctions } from '../search/text-query';

type Body = Omit<estypes.SearchRequest, 'index'>;

export const BRAND_CANDIDATES = 5;
export const CATEGORY_CANDIDATES = 30;

/**
 * Products, brands and categories for what is being typed, in one request: products whose title words
 * start with the typed words (or match with typos), the completion suggester (fuzzy), and brand / category
 * names from aggregations that ignore the product query (`global`).
 */
export function buildAutocompleteRequest(q: string, limit: number): Body {
  return {
    size: limit,
    _source: ['id', 'title'],
    query: {
      function_score: {
        query: {
          bool: {
            should: [
              { match: { 'title.prefix': { query: q, operator: 'and', boost: 2 } } },
              { match_bool_prefix: { title: { query: q, operator: 'and', fuzziness: 'AUTO' } } },
            ],
            minimum_should_match: 1,
            must_not: [IS_TOMBSTONE],
          },
        },
        functions: boostFunctions(),
        score_mode: 'sum',
        boost_mode: 'multiply',
      },
    },
    suggest: {
      products: { prefix: q, completion: { field: 'suggest', size: limit, skip_duplicates: true, fuzzy: { fuzziness: 'AUTO' } } },
    },
    aggs: {
      everything: {
        global: {},
        aggs: {
          brands: {
            filter: {
              bool: {
                should: [
                  { match: { 'brand.prefix': { query: q, operator: 'and' } } },
                  { match: { brand: { query: q, fuzziness: 'AUTO', operator: 'and' } } },
                ],
                minimum_should_match: 1,
                must_not: [IS_TOMBSTONE],
              },
            },
            aggs: { values: { terms: { field: 'brand.keyword', size: BRAND_CANDIDATES } } },
          },
          categories: {
            filter: {
              bool: {
                must: [{ match_bool_prefix: { categories: { query: q, operator: 'and', fuzziness: 'AUTO' } } }],
                must_not: [IS_TOMBSTONE],
              },
            },
            aggs: { values: { terms: { field: 'categories.keyword', size: CATEGORY_CANDIDATES } } },
          },
        },
      },
    },
  };
}
