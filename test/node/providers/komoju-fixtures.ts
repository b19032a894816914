import { readFileSync } from 'node:fs';

/** A recorded KOMOJU JSON body from `test/fixtures/komoju/`, parsed afresh on each call. */
export function komojuFixture(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/komoju/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** The same body as text, for a fake `fetch` answer. */
export function komojuFixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/komoju/${name}.json`, import.meta.url), 'utf8');
}
