import type { BrowserInfo } from '../../core/protocol.ts';

/**
 * What only the shopper's browser knows, for a provider's 3-D Secure (EMV 3DS `browserInfo`: screen,
 * colour depth, time zone, language, Java and JavaScript): read from `screen` and `navigator`, never from
 * the page's content. Undefined outside a browser.
 */
export function browserInfo(): BrowserInfo | undefined {
  const { screen, navigator } = globalThis as { screen?: Screen; navigator?: Navigator };
  if (!screen || !navigator) return undefined;
  return {
    screenWidth: Math.max(0, Math.min(100_000, Math.round(screen.width))),
    screenHeight: Math.max(0, Math.min(100_000, Math.round(screen.height))),
    colorDepth: Math.max(0, Math.min(64, screen.colorDepth)),
    timeZoneOffset: new Date().getTimezoneOffset(),
    language: (navigator.language || 'ja-JP').slice(0, 35),
    javaEnabled: false,
    javascriptEnabled: true,
  };
}
