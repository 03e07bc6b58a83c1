import { describe, expect, it } from 'vitest';
import { adminPageRoutes } from './admin-page';

describe('admin page routes', () => {
  it('tell the page the search API origin in a meta tag and allow only that origin besides its own in connect-src', async () => {
    const app = adminPageRoutes({ searchApiUrl: 'https://search.example.com:8443/some/path?x=1' });
    const page = await app.request('/');
    expect(await page.text()).toContain('<meta name="search-api" content="https://search.example.com:8443">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' https://search.example.com:8443;");
    expect(csp).toContain("script-src 'self';");
    const script = await app.request('/admin-insights.js');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).not.toContain('innerHTML');
  });

  it('refuse a search API URL that is not a URL at construction', () => {
    expect(() => adminPageRoutes({ searchApiUrl: 'not a url' })).toThrow();
  });
});
