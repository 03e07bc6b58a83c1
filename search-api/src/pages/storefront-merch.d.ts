// Types of storefront-merch.js (a browser module served as it is, without a build step) for its unit tests.
export function bannerTexts(items: unknown): string[];
export function redirectTarget(results: unknown): string | undefined;
export function merchWidgets(
  instantsearch: { widgets: Record<string, (options: unknown) => unknown> },
  options: { container: string; navigate?: (url: string) => void },
): unknown[];
