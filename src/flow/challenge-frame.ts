import * as z from 'zod/mini';
import { CHALLENGE_PARAM } from './return-url.ts';

export { CHALLENGE_PARAM } from './return-url.ts';

/**
 * The framed 3-D Secure challenge (`challenge="iframe"`), seen from the return page. The provider sends
 * the frame back to the checkout page's URL with `kessai_challenge=1` added; the checkout that loads
 * there, inside the frame, does not start a payment of its own: it posts the query string to its parent
 * (same origin only) and stays inert. The parent accepts the message only from its own origin and from
 * the frame it opened (`<kessai-challenge>`).
 */
export const CHALLENGE_MESSAGE_TYPE = 'kessai:challenge-return';

export const challengeMessageSchema = z.object({
  type: z.literal(CHALLENGE_MESSAGE_TYPE),
  /** The return page's `location.search`, provider parameters included. */
  search: z.string().check(z.maxLength(4096)),
});
export type ChallengeMessage = z.infer<typeof challengeMessageSchema>;

export interface ChallengeFrame {
  /** This page is a challenge return loaded inside a frame. */
  isChallengeReturn(href: string): boolean;
  /** Tells the checkout in the parent window (same origin only). */
  notify(href: string): void;
}

function hasMarker(href: string): boolean {
  try {
    return new URL(href).searchParams.get(CHALLENGE_PARAM) === '1';
  } catch {
    return false;
  }
}

export const browserChallengeFrame: ChallengeFrame = {
  isChallengeReturn(href) {
    try {
      return hasMarker(href) && globalThis.window !== undefined && window.parent !== window;
    } catch {
      return false;
    }
  },
  notify(href) {
    const url = new URL(href);
    const message: ChallengeMessage = { type: CHALLENGE_MESSAGE_TYPE, search: url.search };
    // Same origin as this page: a parent on another origin never receives it.
    window.parent.postMessage(message, url.origin);
  },
};
