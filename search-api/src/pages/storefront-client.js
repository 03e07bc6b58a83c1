/* global document, window, fetch, location */
// Storefront on InstantSearch widgets over this service's Algolia protocol (/1/indexes/*/queries), served with
// its libraries from the same origin. The URL holds the search state (shareable, back button restores it);
// clicks and add-to-cart are Insights events (POST /1/events). Widget templates use InstantSearch's `html`
// (escaped virtual DOM): API text is never parsed as HTML. Results are family cards (storefront-card.js).
import { familyCard, money } from './storefront-card.js';
import { correctionWidgets } from './storefront-correction.js';
import { merchWidgets } from './storefront-merch.js';

const { liteClient } = window['algoliasearch/lite'];
const { autocomplete } = window['@algolia/autocomplete-js'];
// search-insights' browser build exposes the client object; InstantSearch calls the functional form `aa(method, …)`.
const analytics = window.AlgoliaAnalytics.default;
const aa = Object.assign((method, ...args) => analytics[method](...args), { version: analytics.version });
const { instantsearch } = window;
const { widgets, connectors, routers } = instantsearch;

const INDEX = 'products';
const SEP = ' > ';
const SORTS = [
  { value: INDEX, label: 'Relevance', key: 'relevance' },
  { value: `${INDEX}_price_asc`, label: 'Price: low to high', key: 'price_asc' },
  { value: `${INDEX}_price_desc`, label: 'Price: high to low', key: 'price_desc' },
  { value: `${INDEX}_rating_desc`, label: 'Customer rating', key: 'rating_desc' },
  { value: `${INDEX}_newest`, label: 'Newest', key: 'newest' },
];
const LABELS = { 'categories.lvl0': 'Category', brand: 'Brand', price: 'Price', rating: 'Rating', inStock: 'Availability', 'attributes.color': 'Color' };
const $ = (id) => document.getElementById(id);

// The app id and key are what the client requires; the service does not check them (public, rate-limited API).
// One host, no fallback: the client's 1 s connect timeout covers the wait for the answer's headers (the whole search)
// and would give up on a busy service; the service bounds each Elasticsearch search (1.5 s, twice for a typo pass).
const searchClient = liteClient('catalog', 'storefront', {
  hosts: [{ url: location.host, protocol: location.protocol.replace(':', ''), accept: 'readWrite' }],
  timeouts: { connect: 5_000, read: 5_000, write: 5_000 },
});

/** Flat, readable URLs (`?q=tv&brand=Sony&category=Electronics > Audio&page=2`) ⇄ InstantSearch's UI state. */
const stateMapping = {
  stateToRoute(uiState) {
    const s = uiState[INDEX] || {};
    const sort = SORTS.find((o) => o.value === s.sortBy);
    return {
      q: s.query || undefined,
      category: s.hierarchicalMenu && s.hierarchicalMenu['categories.lvl0'] ? s.hierarchicalMenu['categories.lvl0'].join(SEP) : undefined,
      brand: s.refinementList && s.refinementList.brand,
      color: s.refinementList && s.refinementList['attributes.color'],
      price: s.range && s.range.price,
      rating: s.ratingMenu && s.ratingMenu.rating,
      instock: s.toggle && s.toggle.inStock ? 'true' : undefined,
      sort: sort && sort.key !== 'relevance' ? sort.key : undefined,
      page: s.page && s.page > 1 ? s.page : undefined,
    };
  },
  routeToState(route) {
    const list = (v) => (v === undefined ? undefined : [].concat(v));
    const sort = SORTS.find((o) => o.key === route.sort);
    return {
      [INDEX]: {
        query: route.q,
        hierarchicalMenu: route.category ? { 'categories.lvl0': String(route.category).split(SEP) } : undefined,
        refinementList: { brand: list(route.brand), 'attributes.color': list(route.color) },
        range: route.price ? { price: route.price } : undefined,
        ratingMenu: route.rating ? { rating: Number(route.rating) } : undefined,
        toggle: route.instock === 'true' ? { inStock: true } : undefined,
        sortBy: sort ? sort.value : undefined,
        page: route.page ? Number(route.page) : undefined,
      },
    };
  },
};

const search = instantsearch({
  indexName: INDEX,
  searchClient,
  routing: {
    router: routers.history({
      cleanUrlOnDispose: false,
      // Repeated keys for lists (`brand=A&brand=B`), like the REST API's query strings.
      createURL: ({ qsModule, routeState, location: l }) => `${l.origin}${l.pathname}${qsModule.stringify(routeState, { addQueryPrefix: true, arrayFormat: 'repeat' })}`,
      parseURL: ({ qsModule, location: l }) => qsModule.parse(l.search.slice(1), { arrayLimit: 99 }),
    }),
    stateMapping,
  },
  // Our own copy of search-insights (never the CDN), sending to this origin.
  insights: { insightsClient: aa, insightsInitParams: { host: location.origin, useCookie: false } },
  future: { preserveSharedStateOnUnmount: true },
});

/** The query lives in a virtual search box; Autocomplete (below) is the visible one. */
const virtualSearchBox = connectors.connectSearchBox(() => {});

function setQuery(query) {
  search.setUiState((ui) => ({ ...ui, [INDEX]: { ...ui[INDEX], query, page: undefined } }));
}

/** Sort: a labelled native select. */
const sortSelect = connectors.connectSortBy(({ options, currentRefinement, refine }, isFirstRender) => {
  if (isFirstRender) {
    const select = document.createElement('select');
    select.id = 'sort-select';
    select.append(...options.map((o) => Object.assign(document.createElement('option'), { value: o.value, textContent: o.label })));
    select.addEventListener('change', () => refine(select.value));
    $('sort').append(select);
  }
  $('sort-select').value = currentRefinement;
});

let lastDetail;

/** Results: one family card per hit; a swatch re-renders its card only, a title opens the chosen variant's detail. */
const familyHits = connectors.connectHits(({ items, results, sendEvent, widgetParams }) => {
  const container = document.querySelector(widgetParams.container);
  if (results && items.length === 0) {
    container.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'No products match. Try fewer filters or another word.' }));
    return;
  }
  const list = Object.assign(document.createElement('ol'), { className: 'hit-list' });
  for (const hit of items) {
    const card = familyCard(hit, {
      onClick: () => sendEvent('click', hit, 'Product Clicked'),
      onOpen: (variantId) => void openDetail({ ...hit, objectID: variantId }, sendEvent),
    });
    const item = Object.assign(document.createElement('li'), { className: 'hit-item' });
    item.append(card);
    list.append(item);
  }
  container.replaceChildren(list);
});

async function openDetail(hit, sendEvent) {
  lastDetail = { hit, sendEvent };
  const body = $('detail-body');
  const text = (tag, content, className) => Object.assign(document.createElement(tag), { textContent: content, className: className || '' });
  body.replaceChildren(text('p', 'Loading…'));
  if (!$('detail').open) $('detail').showModal();
  try {
    const res = await fetch('/v1/products/' + encodeURIComponent(hit.objectID), { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error('The search service answered ' + res.status);
    const p = await res.json();
    const rows = Object.entries(p.attributes || {}).map(([k, v]) => {
      const tr = document.createElement('tr');
      tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: k.replace(/_/g, ' ') }), text('td', v));
      return tr;
    });
    const table = document.createElement('table');
    table.append(text('caption', 'Specifications', 'sr-only'), Object.assign(document.createElement('tbody'), {}));
    table.tBodies[0].append(...rows);
    const cart = text('button', 'Add to cart', 'cart');
    cart.type = 'button';
    cart.addEventListener('click', () => {
      lastDetail.sendEvent('conversion', lastDetail.hit, 'Added To Cart');
      cart.textContent = 'Added to cart';
      cart.disabled = true;
    });
    body.replaceChildren(
      Object.assign(text('h2', p.title), { id: 'detail-title' }),
      text('p', p.brand + ' · ' + p.categories.join(SEP) + ' · SKU ' + p.id, 'meta'),
      text('p', money(p.price, p.currency), 'price'),
      text('p', p.inStock ? p.stock + ' in stock' : 'Sold out', p.inStock ? 'stock-in' : 'stock-out'),
      text('p', p.reviewCount > 0 ? '★ ' + p.rating.toFixed(1) + ' from ' + p.reviewCount + ' reviews' : 'No reviews yet', 'meta'),
      text('p', p.description || ''),
      ...(rows.length ? [table] : []),
      cart,
    );
  } catch (err) {
    body.replaceChildren(Object.assign(text('h2', 'Product unavailable'), { id: 'detail-title' }), text('p', err.message));
  }
}

search.addWidgets([
  virtualSearchBox({}),
  // Query rules: banners, redirects, department and brand as rule contexts (storefront-merch.js).
  ...merchWidgets(instantsearch, { container: '#banner' }),
  // distinct: one card per product family (nbHits and facet counts count families).
  widgets.configure({ hitsPerPage: 20, attributesToHighlight: ['title'], distinct: true }),
  widgets.hierarchicalMenu({
    container: '#categories',
    attributes: ['categories.lvl0', 'categories.lvl1', 'categories.lvl2'],
    limit: 12,
    showMore: true,
    showMoreLimit: 40,
  }),
  widgets.refinementList({
    container: '#brand',
    attribute: 'brand',
    searchable: true,
    searchablePlaceholder: 'Search brands',
    limit: 8,
    showMore: true,
    showMoreLimit: 30,
  }),
  widgets.rangeInput({ container: '#price', attribute: 'price', precision: 0, templates: { separatorText: () => 'to', submitText: () => 'Go' } }),
  widgets.ratingMenu({ container: '#rating', attribute: 'rating' }),
  widgets.toggleRefinement({ container: '#in-stock', attribute: 'inStock', templates: { labelText: () => 'In stock only' } }),
  widgets.refinementList({ container: '#color', attribute: 'attributes.color', searchable: true, searchablePlaceholder: 'Search colors', limit: 8, showMore: true }),
  widgets.currentRefinements({
    container: '#current',
    transformItems: (items) => items.map((item) => ({ ...item, label: LABELS[item.attribute] || item.label })),
  }),
  widgets.clearRefinements({ container: '#clear', templates: { resetLabel: () => 'Clear all filters' } }),
  sortSelect({ items: SORTS.map(({ value, label }) => ({ value, label })) }),
  widgets.stats({
    container: '#summary',
    templates: {
      text: ({ nbHits, page, hitsPerPage, query, processingTimeMS }, { html }) => {
        if (nbHits === 0) return html`No products found${query ? html` for “${query}”` : ''}.`;
        const from = page * hitsPerPage + 1;
        const to = Math.min(nbHits, from + hitsPerPage - 1);
        return html`${from}–${to} of ${nbHits.toLocaleString('en-US')} products${query ? html` for “${query}”` : ''} (${processingTimeMS} ms)`;
      },
    },
  }),
  // Did-you-mean: "Showing results for …, search instead for …" (storefront-correction.js).
  ...correctionWidgets(instantsearch, { container: '#correction', setQuery }),
  familyHits({ container: '#hits' }),
  widgets.pagination({ container: '#pagination', padding: 2 }),
]);

search.start();

// Autocomplete on the service's suggestions (popular queries, brands, categories, products); choosing one searches.
// Autocomplete itself drops answers that arrive after a newer keystroke's.
autocomplete({
  container: '#autocomplete',
  placeholder: 'Search products, brands, categories',
  detachedMediaQuery: 'none',
  openOnFocus: false,
  initialState: { query: (search.getUiState()[INDEX] || {}).query || '' },
  translations: { submitButtonTitle: 'Search products', clearButtonTitle: 'Clear the search' },
  onSubmit: ({ state }) => setQuery(state.query),
  onReset: () => setQuery(''),
  getSources: ({ query }) => [
    {
      sourceId: 'suggestions',
      async getItems() {
        if (!query.trim()) return [];
        try {
          const res = await fetch('/v1/products/autocomplete?limit=8&q=' + encodeURIComponent(query));
          return res.ok ? (await res.json()).suggestions : [];
        } catch {
          return [];
        }
      },
      getItemInputValue: ({ item }) => item.text,
      onSelect: ({ item }) => (item.type === 'product' && item.id ? void openDetail({ objectID: item.id }, () => {}) : setQuery(item.text)),
      templates: {
        header: ({ html }) => html`<span class="sr-only">Suggestions</span>`,
        item: ({ item, html }) => html`<div class="suggestion"><span>${item.text}</span><span class="kind">${item.type}</span></div>`,
      },
    },
  ],
});

// The service's query bound (Autocomplete's own default is 512).
document.querySelector('#autocomplete input').maxLength = 200;

// Keep the Autocomplete input in step with the URL (back button, clear filters).
search.on('render', () => {
  const input = document.querySelector('#autocomplete input');
  const query = (search.getUiState()[INDEX] || {}).query || '';
  if (input && document.activeElement !== input && input.value !== query) input.value = query;
});
