/* global window */
// Query rules on the storefront (issue 16), on InstantSearch's own query-rules widgets over this service's Algolia
// protocol: the banner a rule attaches (`userData`, read by `queryRuleCustomData`), a rule's redirect
// (`renderingContent.redirect.url`, followed), and the refined department and brands sent as rule contexts
// (`queryRuleContext`: `ais-categories_lvl0-<value>` / `ais-brand-<value>`, which the service lowercases). Banner text is
// rendered with InstantSearch's escaped `html`, never parsed as HTML.

/** The banner texts among a search's userData items (`{ banner: "…" }`, as the admin page writes them). */
export function bannerTexts(items) {
  return (Array.isArray(items) ? items : []).flatMap((item) => (item && typeof item.banner === 'string' && item.banner.trim() !== '' ? [item.banner] : []));
}

/** The redirect of a search answer when it is an http(s) URL (the admin accepts nothing else either), else undefined. */
export function redirectTarget(results) {
  const url = results && results.renderingContent && results.renderingContent.redirect && results.renderingContent.redirect.url;
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The storefront's query-rules widgets: `queryRuleContext` (department and brand refinements as contexts),
 * `queryRuleCustomData` (banners in `container`) and a renderless widget that follows a redirect once per answer
 * (`navigate`, default `location.assign`).
 */
export function merchWidgets({ widgets }, { container, navigate = (url) => window.location.assign(url) }) {
  let followed;
  const redirect = {
    $$type: 'catalog.redirect',
    render({ results }) {
      const url = redirectTarget(results);
      if (url === undefined || results === followed) return;
      followed = results;
      navigate(url);
    },
  };
  return [
    widgets.queryRuleContext({ trackedFilters: { 'categories.lvl0': (values) => values, brand: (values) => values } }),
    widgets.queryRuleCustomData({
      container,
      templates: {
        default: ({ items }, { html }) => {
          const texts = bannerTexts(items);
          return texts.length === 0 ? '' : html`<div class="rule-banners">${texts.map((text) => html`<p class="rule-banner" role="note">${text}</p>`)}</div>`;
        },
      },
    }),
    redirect,
  ];
}
