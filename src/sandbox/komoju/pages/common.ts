import { emulatorPages } from '../../shared/pages.ts';

/** Bits the emulator's pages share: the sandbox's page helpers under KOMOJU's name, and amounts. */

export const { page, notFoundPage, forbiddenPage, fromOwnPage } = emulatorPages('KOMOJU');

export function formatAmount(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(currency === 'JPY' ? 'ja-JP' : 'en-US', { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
