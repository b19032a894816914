import { HYPHEN_CLASS, toHalfWidth } from '../card/normalize.ts';

/** A Japanese phone number in the shapes providers ask for. */
export interface JapanesePhone {
  /** National digits with the leading 0: `09012345678`. What `KonbiniDetails.phone` carries. */
  readonly national: string;
  /** UnivaPay's `phone_number`: `{ country_code: '81', local_number: '09012345678' }`. */
  readonly countryCode: '81';
  readonly localNumber: string;
  /** E.164 (PAY.JP 3-D Secure): `+819012345678`. */
  readonly e164: string;
}

export type PhoneCheck =
  | { readonly ok: true; readonly value: JapanesePhone }
  | { readonly ok: false; readonly reason: 'empty' | 'invalid' };

const SEPARATORS = new RegExp(`[\\s().${HYPHEN_CLASS}]`, 'gu');

/** National prefixes of 11-digit numbers: mobile 070/080/090, IP 050, M2M 020, 060, free dial 0800. */
const ELEVEN_DIGIT = /^(?:0[2-9]0|0800)/;

/**
 * Reads a Japanese phone number as shoppers type it: `090-1234-5678`, `０９０１２３４５６７８`,
 * `(03) 1234-5678`, `03.1234.5678`, `+81 90 1234 5678`, `+81 (0)90 …`, `81-90-…`, `0081 90 …`.
 * Valid when the national number has 10 digits, or 11 for the prefixes of `ELEVEN_DIGIT`, and starts
 * with a single 0. Numbers of other countries are `invalid` (the konbini providers take Japanese ones).
 */
export function parseJapanesePhone(raw: string): PhoneCheck {
  const compact = toHalfWidth(raw).replace(SEPARATORS, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  const m = /^(\+81|0081|81|\+)?(\d+)$/.exec(compact);
  if (m === null || m[1] === '+') return { ok: false, reason: 'invalid' };
  const rest = m[2] ?? '';
  const national = m[1] === undefined ? rest : rest.startsWith('0') ? rest : `0${rest}`;
  const validShape = /^0[1-9]\d{8,9}$/.test(national);
  if (!validShape || national.length !== (ELEVEN_DIGIT.test(national) ? 11 : 10)) {
    return { ok: false, reason: 'invalid' };
  }
  return {
    ok: true,
    value: { national, countryCode: '81', localNumber: national, e164: `+81${national.slice(1)}` },
  };
}
