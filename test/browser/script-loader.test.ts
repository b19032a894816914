import { expect } from '@open-wc/testing';
import { loadProviderScript } from '../../src/providers/shared/script-loader.ts';

/** The provider script loader: once per page, a failure forgotten so Try again loads it anew. */

const URL_OK = new URL('/test/browser/checkout-fixtures/provider-script.js', location.href).href;
const runs = () => (window as unknown as { providerScriptRuns?: number }).providerScriptRuns ?? 0;
const scriptsFor = (url: string) => [...document.querySelectorAll('script')].filter((s) => s.src === url);

describe('loadProviderScript', () => {
  it('loads a script once, however many surfaces ask for it at once or later', async () => {
    await Promise.all([loadProviderScript(URL_OK), loadProviderScript(URL_OK)]);
    await loadProviderScript(URL_OK);
    expect(runs()).to.equal(1);
    expect(scriptsFor(URL_OK)).to.have.length(1);
  });

  it('rejects when the script cannot be loaded, leaves no script element, and tries again next time', async () => {
    const missing = new URL(`/test/browser/checkout-fixtures/missing-${Date.now()}.js`, location.href).href;
    let error: unknown;
    try {
      await loadProviderScript(missing);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(Error);
    expect(scriptsFor(missing)).to.have.length(0);
    // Try again: a new request, not the remembered failure.
    const again = loadProviderScript(missing);
    expect(scriptsFor(missing)).to.have.length(1);
    await again.catch(() => undefined);
  });
});
