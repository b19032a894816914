import { expect } from '@open-wc/testing';

/**
 * The slip's tests run in several browser time zones (web-test-runner.config.mjs, groups
 * `slip-in-*`); this checks that the browser of a run really is in its zone, so three runs are three
 * different machines and not one run three times.
 */
export function expectBrowserZone(zone: string): void {
  describe(`the browser of this run`, () => {
    it(`is in ${zone}`, () => {
      const actual = Intl.DateTimeFormat().resolvedOptions().timeZone;
      expect(zone === 'UTC' ? ['UTC', 'Etc/UTC'] : [zone]).to.include(actual);
    });
  });
}
