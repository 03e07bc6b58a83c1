// Types of storefront-correction.js (a browser module served as it is, without a build step) for its unit tests.
export type NoticePart = string | { strong: string } | { link: string; exact: boolean };
export function correctionNotice(correction: unknown, asked: string): NoticePart[] | undefined;
export function correctionWidgets(
  instantsearch: { connectors: Record<string, (render: (options: never) => void) => (params: unknown) => unknown> },
  options: { container: string; setQuery: (text: string) => void },
): unknown[];
