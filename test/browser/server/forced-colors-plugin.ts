/**
 * A web-test-runner command, `emulate-forced-colors`: turns Chromium's forced colours on or off for the
 * test page (CDP `Emulation.setEmulatedMedia` with the `forced-colors` feature), which
 * `@web/test-runner-commands`' `emulateMedia` cannot (it knows `prefers-color-scheme` and
 * `prefers-reduced-motion` only). Chromium then really draws with system colours, as Windows' contrast
 * themes do. Payload: `{ active: boolean }`.
 */
interface PuppeteerPage {
  createCDPSession(): Promise<{ send(method: string, params: unknown): Promise<unknown>; detach(): Promise<void> }>;
}
interface CommandArgs {
  command: string;
  payload: unknown;
  session: { id: string; browser: { type: string; getPage(id: string): PuppeteerPage } };
}

type Cdp = Awaited<ReturnType<PuppeteerPage['createCDPSession']>>;

export function forcedColorsPlugin() {
  // One CDP session per test page, kept open: Chromium drops an emulation when its session detaches.
  const sessions = new Map<string, Cdp>();
  return {
    name: 'kessai-emulate-forced-colors',
    async executeCommand({ command, payload, session }: CommandArgs): Promise<boolean | undefined> {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('emulate-forced-colors needs Chromium through puppeteer');
      const active = typeof payload === 'object' && payload !== null && (payload as { active?: unknown }).active === true;
      let cdp = sessions.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        sessions.set(session.id, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: active ? 'active' : 'none' }] });
      return true;
    },
  };
}
