/* global document */
// Did-you-mean on the storefront (issue 16): a search that found fewer than 10 products as typed and was answered
// for a corrected or relaxed query says so ("Showing results for …, search instead for …"), from the `correction`
// the service adds to the Algolia result (algoliasearch-helper keeps unknown result fields). "Search instead for"
// searches the words exactly as typed (`typoTolerance: false`) until the query changes. Text nodes only.

/**
 * The notice of an answer as parts: plain text, `{ strong }`, or `{ link, exact }` (a query to search, exactly as
 * typed or not). Undefined when the answer has no correction.
 */
export function correctionNotice(correction, asked) {
  if (!correction || typeof correction.query !== 'string') return undefined;
  const instead = ['. Search instead for ', { link: asked, exact: true }, '.'];
  if (correction.originalTotal > 0) return ['Did you mean ', { link: correction.query, exact: false }, '?'];
  if (correction.reason === 'relaxed' && Array.isArray(correction.droppedWords)) {
    const dropped = correction.droppedWords.map((w) => `“${w}”`).join(', ');
    return [`No products match all of “${asked}”. Showing results for `, { strong: correction.query }, ` (without ${dropped})`, ...instead];
  }
  return ['Showing results for ', { strong: correction.query }, ...instead];
}

function noticeNodes(parts, search) {
  return parts.map((part) => {
    if (typeof part === 'string') return document.createTextNode(part);
    if (part.strong !== undefined) return Object.assign(document.createElement('strong'), { textContent: part.strong });
    const a = Object.assign(document.createElement('a'), { href: '#', textContent: part.link, className: part.exact ? 'search-instead' : 'did-you-mean' });
    a.addEventListener('click', (event) => {
      event.preventDefault();
      search(part.link, part.exact);
    });
    return a;
  });
}

/**
 * The did-you-mean widgets: a configure widget that turns typo tolerance off for a "search instead for", and the
 * notice in `container`. `setQuery(text)` searches a text (the page's own search box state).
 */
export function correctionWidgets({ connectors }, { container, setQuery }) {
  const exact = { refine: undefined, query: undefined };
  const exactConfigure = connectors.connectConfigure((options) => {
    exact.refine = options.refine;
  });
  const search = (text, asTyped) => {
    exact.query = asTyped ? text : undefined;
    if (exact.refine) exact.refine(asTyped ? { typoTolerance: false } : {});
    setQuery(text);
  };
  const notice = connectors.connectHits(({ results }) => {
    const el = document.querySelector(container);
    if (!el || !results) return;
    // A new query leaves the exact search.
    if (exact.query !== undefined && results.query !== exact.query) search(results.query, false);
    const parts = correctionNotice(results.correction, results.query);
    if (!parts) return el.replaceChildren();
    const p = Object.assign(document.createElement('p'), { className: 'correction' });
    p.setAttribute('role', 'status');
    p.append(...noticeNodes(parts, search));
    el.replaceChildren(p);
  });
  return [exactConfigure({ searchParameters: {} }), notice({})];
}
