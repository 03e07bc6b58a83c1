import { describe, expect, it } from 'vitest';
import { bannerTexts, merchWidgets, redirectTarget } from './storefront-merch.js';

describe('storefront query rules', () => {
  it('banners are the non-empty banner strings of userData', () => {
    expect(bannerTexts([{ banner: 'Free returns' }, { section: 'x' }, { banner: '  ' }, null, { banner: 3 }])).toEqual(['Free returns']);
    expect(bannerTexts(undefined)).toEqual([]);
  });

  it('follows only http(s) redirects', () => {
    const at = (url: unknown) => redirectTarget({ renderingContent: { redirect: { url } } });
    expect(at('https://shop.example/returns')).toBe('https://shop.example/returns');
    expect(at('javascript:alert(1)')).toBeUndefined();
    expect(at('not a url')).toBeUndefined();
    expect(redirectTarget({ renderingContent: {} })).toBeUndefined();
  });

  it('the redirect widget navigates once per answer', () => {
    const went: string[] = [];
    const widgets = { queryRuleContext: (o: unknown) => o, queryRuleCustomData: (o: unknown) => o };
    const [, , redirect] = merchWidgets({ widgets }, { container: '#banner', navigate: (url) => went.push(url) }) as [unknown, unknown, { render: (o: unknown) => void }];
    const results = { renderingContent: { redirect: { url: 'https://shop.example/returns' } } };
    redirect.render({ results });
    redirect.render({ results });
    redirect.render({ results: { renderingContent: {} } });
    expect(went).toEqual(['https://shop.example/returns']);
  });
});
