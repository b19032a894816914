import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNavigate, safeActionUrl, trustedOriginsOf } from '../../../src/flow/navigate.ts';
import { session } from './fixtures.ts';

const real = session();
const sandbox = session({ apiBase: 'http://localhost:5173/sandbox/komoju/api/v1' });

describe('navigate: redirect', () => {
  /** [name, session, action URL, where the window goes or null when refused] */
  const rows: ReadonlyArray<readonly [string, typeof real, string, string | null]> = [
    ['https ACS page', real, 'https://acs.example/challenge?id=1', 'https://acs.example/challenge?id=1'],
    ['http on the sandbox origin', sandbox, 'http://localhost:5173/sandbox/komoju/3ds/abc',
      'http://localhost:5173/sandbox/komoju/3ds/abc'],
    ['http elsewhere', sandbox, 'http://evil.example/3ds', null],
    ['http with a real session', real, 'http://acs.example/challenge', null],
    ['javascript:', real, 'javascript:alert(document.domain)', null],
    ['data:', real, 'data:text/html,<script>alert(1)</script>', null],
    ['relative', real, '/3ds', null],
  ];
  for (const [name, s, url, expected] of rows) {
    it(`${name} → ${expected ?? 'refused'}`, () => {
      const assigned: string[] = [];
      const go = createNavigate({ assign: (href) => assigned.push(href) });
      const done = go({ type: 'redirect', url }, s);
      assert.equal(done, expected !== null);
      assert.deepEqual(assigned, expected === null ? [] : [expected]);
    });
  }

  it('trusts the session API origin only when it is plain http', () => {
    assert.deepEqual(trustedOriginsOf(real), []);
    assert.deepEqual(trustedOriginsOf(sandbox), ['http://localhost:5173']);
    assert.equal(safeActionUrl({ type: 'redirect', url: 'http://localhost:5173/x' }, real), null);
  });
});

/** Just enough of a DOM to watch the form being built. */
function fakeDocument() {
  const made: Array<Record<string, unknown>> = [];
  const body: { children: unknown[]; append(child: unknown): void } = {
    children: [],
    append(child) {
      this.children.push(child);
    },
  };
  const doc = {
    body,
    createElement(tag: string) {
      const el: Record<string, unknown> & { children: unknown[] } = {
        tag,
        children: [],
        submitted: 0,
        append(child: unknown) {
          el.children.push(child);
        },
        submit() {
          el['submitted'] = (el['submitted'] as number) + 1;
        },
      };
      made.push(el);
      return el;
    },
  };
  return { doc: doc as unknown as Document, made, body };
}

describe('navigate: post', () => {
  it('builds a hidden POST form with one hidden input per field and submits it', () => {
    const { doc, made, body } = fakeDocument();
    const done = createNavigate({ document: doc })(
      { type: 'post', url: 'https://acs.example/3ds', fields: { PaReq: 'a"><script>', TermUrl: 'https://shop.example/r' } },
      real,
    );
    assert.equal(done, true);
    const form = made.find((el) => el['tag'] === 'form') as Record<string, unknown> & { children: Array<Record<string, unknown>> };
    assert.equal(form['method'], 'post');
    assert.equal(form['action'], 'https://acs.example/3ds');
    assert.equal(form['hidden'], true);
    assert.equal(form['submitted'], 1);
    assert.deepEqual(
      form.children.map((input) => [input['tag'], input['type'], input['name'], input['value']]),
      [
        ['input', 'hidden', 'PaReq', 'a"><script>'],
        ['input', 'hidden', 'TermUrl', 'https://shop.example/r'],
      ],
    );
    assert.deepEqual(body.children, [form]);
  });

  it('builds nothing for an unsafe URL', () => {
    const { doc, made } = fakeDocument();
    assert.equal(createNavigate({ document: doc })({ type: 'post', url: 'javascript:void(0)', fields: {} }, real), false);
    assert.deepEqual(made, []);
  });
});
