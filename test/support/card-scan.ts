/**
 * Looking for a card number in recorded text (request bodies, URLs, storage, event details) the way a
 * leak would actually be spelled: not only `4111111111111111` as typed, but URL-encoded
 * (`4111%201111…`, `4111+1111…`), JSON-escaped (`\u0034111…`), grouped by spaces or hyphens
 * (`4111 1111 1111 1111`, `4111-1111-…`) or in full-width digits (`４１１１…`). Used by the browser
 * tests and the end-to-end tests alike; no DOM and no Node APIs.
 */

/** `４` → `4`, and the full-width spellings of spaces and hyphens to their ASCII ones. */
function halfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000]/g, ' ')
    .replace(/[－‐‑‒–—―ー]/g, '-');
}

/** Percent-decoding as a form body or a query string is read (`+` is a space); unchanged if malformed. */
function urlDecoded(text: string): string {
  const plus = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // One malformed escape must not hide the others: decode each valid escape on its own.
    return plus.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** JSON string escapes (`\u0034`, `\/`, `\"`) undone, wherever they stand in the text. */
function jsonUnescaped(text: string): string {
  return text
    .replace(/\\u([0-9A-Fa-f]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\(["\\/])/g, '$1');
}

/** Digits with the separators a formatted number carries between them removed. */
function ungrouped(text: string): string {
  return text.replace(/(?<=\d)[ \t.\-_]+(?=\d)/g, '');
}

/** Every decoded spelling of `text` worth searching: as is, URL-decoded, JSON-unescaped, both ways round. */
export function decodedViews(text: string): string[] {
  const views = new Set<string>();
  for (const view of [
    text,
    urlDecoded(text),
    jsonUnescaped(text),
    jsonUnescaped(urlDecoded(text)),
    urlDecoded(jsonUnescaped(text)),
  ]) {
    views.add(ungrouped(halfWidth(view)));
  }
  return [...views];
}

/** Whether `text` carries the card number `number` (half-width digits) in any spelling above. */
export function containsCardNumber(text: string, number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) throw new TypeError(`not a card number: ${number}`);
  return decodedViews(text).some((view) => view.includes(number));
}

/**
 * Runs of 13 to 19 digits that stand alone (not inside a longer word such as a base64 id) and pass the
 * Luhn check: what a card number looks like. A UUID's 12-hex group can be all digits, so plain "12 or
 * more digits" would flag ids by chance; this does not.
 */
export function cardLikeRuns(text: string): string[] {
  return [...text.matchAll(/(?<![0-9A-Za-z])\d{13,19}(?![0-9A-Za-z])/g)]
    .map((m) => m[0])
    .filter((digits) => {
      let sum = 0;
      for (let i = 0; i < digits.length; i += 1) {
        let d = Number(digits[digits.length - 1 - i]);
        if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      return sum % 10 === 0;
    });
}
