// Time to a ready checkout: how long the demo's plain merchant page (one `<kessai-checkout>`, one
// `<script src="/kessai.js">`) takes from navigation to `kessai-ready` (the form is shown with the
// amount and can be typed into), in Debian's Chromium, with an empty cache, on three networks.
// Files are served gzipped, as a CDN would. Prints the median of each and the bytes of script
// fetched. Not part of `npm test`: timings are for comparing builds, not for assertions.
//
//   npm run bench                            # this checkout's dist/
//   npm run bench -- --dist /other/dist      # another build, e.g. of an older commit
//   npm run bench -- --compare /other/dist   # both, samples interleaved, with the ratio
//   npm run bench -- --runs 15
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { startDemoServer } from '../../demo/server.ts';
import { launchChromium } from '../../test/e2e/browser.ts';

interface Network {
  readonly name: string;
  /** Round trip added to every request, ms. */
  readonly latency: number;
  /** Bytes per second; -1 for no limit. */
  readonly down: number;
  readonly up: number;
  /** CPU slowdown factor (a phone is slower than this machine). */
  readonly cpu: number;
}

const NETWORKS: readonly Network[] = [
  { name: 'local, no throttling', latency: 0, down: -1, up: -1, cpu: 1 },
  { name: '4G (50 ms, 9 Mbit/s)', latency: 50, down: (9e6 / 8), up: (1.5e6 / 8), cpu: 2 },
  { name: 'slow 3G (300 ms, 1.6 Mbit/s, 4x CPU)', latency: 300, down: (1.6e6 / 8), up: (750e3 / 8), cpu: 4 },
];

const { values } = parseArgs({
  options: { dist: { type: 'string' }, compare: { type: 'string' }, runs: { type: 'string', default: '9' } },
});
const runs = Number(values.runs);

interface Sample {
  readonly readyMs: number;
  readonly scriptBytes: number;
  readonly scripts: number;
}

async function measure(browser: Browser, origin: string, network: Network): Promise<Sample> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latency,
    downloadThroughput: network.down,
    uploadThroughput: network.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: network.cpu });
  await page.addInitScript(() => {
    document.addEventListener(
      'kessai-ready',
      () => ((window as unknown as { kessaiReadyAt: number }).kessaiReadyAt = performance.now()),
      { capture: true, once: true },
    );
  });
  await page.goto(`${origin}/plain.html`);
  await page.waitForFunction(() => 'kessaiReadyAt' in window, undefined, { timeout: 60_000 });
  const sample = await page.evaluate(() => {
    const scripts = performance
      .getEntriesByType('resource')
      .filter((entry) => /\/kessai(?:\.js|-chunks\/)/.test(entry.name)) as PerformanceResourceTiming[];
    return {
      readyMs: (window as unknown as { kessaiReadyAt: number }).kessaiReadyAt,
      scriptBytes: scripts.reduce((sum, entry) => sum + entry.transferSize, 0),
      scripts: scripts.length,
    };
  });
  await context.close();
  return sample;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

const describe = (samples: readonly Sample[]): string => {
  const ready = samples.map((s) => s.readyMs);
  const first = samples[0];
  return (
    `median ${median(ready).toFixed(0).padStart(5)} ms (min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)}),` +
    ` ${first?.scripts ?? 0} script files, ${((first?.scriptBytes ?? 0) / 1024).toFixed(1)} KB`
  );
};

// With --compare, two servers (this build and the other), measured turn about so that a slow moment of
// the machine hurts both alike.
const builds = [{ name: values.dist ?? 'dist/', distRoot: values.dist }];
if (values.compare) builds.push({ name: values.compare, distRoot: values.compare });
const servers = await Promise.all(
  builds.map((b) => startDemoServer({ port: 0, log: () => {}, ...(b.distRoot ? { distRoot: b.distRoot } : {}) })),
);
const browser = await launchChromium();
try {
  console.log(`time to kessai-ready on /plain.html, ${runs} runs each, empty cache, gzip`);
  for (const network of NETWORKS) {
    const samples: Sample[][] = servers.map(() => []);
    for (const server of servers) await measure(browser, server.pageOrigin, network); // warm up
    for (let i = 0; i < runs; i++) {
      for (const [index, server] of servers.entries()) samples[index]?.push(await measure(browser, server.pageOrigin, network));
    }
    console.log(`  ${network.name}`);
    for (const [index, build] of builds.entries()) console.log(`    ${build.name.padEnd(24)} ${describe(samples[index] ?? [])}`);
    if (samples.length === 2) {
      const ratio = median((samples[0] ?? []).map((s) => s.readyMs)) / median((samples[1] ?? []).map((s) => s.readyMs));
      console.log(`    ratio (first / second)   ${ratio.toFixed(2)}`);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
