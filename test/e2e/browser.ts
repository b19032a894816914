import { chromium, type Browser, type Page, type Request } from 'playwright-core';

/** Debian's Chromium with the flags this machine needs (see README "Tests"). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Playwright turns the back-forward cache off; shoppers' browsers have it on, and the checkout must
    // handle a page restored from it (Back from the bank page).
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly origin: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  /**
   * Whether the merchant page's own document made it (its fetches, its navigations, its form posts),
   * rather than a frame inside it (a provider's card iframe, the challenge frame).
   */
  readonly fromPage: boolean;
}

/** Records every request the page makes (navigations, fetches, form posts) with its body. */
export function recordRequests(page: Page): RecordedRequest[] {
  const seen: RecordedRequest[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    let fromPage = true;
    try {
      fromPage = request.frame() === page.mainFrame();
    } catch {
      // A service worker's request has no frame: it is the page's.
    }
    seen.push({
      url: request.url(),
      method: request.method(),
      origin: url.origin,
      body: request.postData() ?? '',
      headers: request.headers(),
      fromPage,
    });
  });
  return seen;
}

/** Collects console errors and uncaught exceptions, which a test can require to stay empty. */
export function recordPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}
