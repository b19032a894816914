import { formatMoney } from '../../shared/money.ts';
import { emulatorPages } from '../../shared/pages.ts';

/** Bits the emulator's pages share: the sandbox's page helpers under KOMOJU's name, and amounts. */

export const { page, notFoundPage, forbiddenPage, fromOwnPage } = emulatorPages('KOMOJU');

/** An amount in minor units, in Japanese notation for yen (`￥1,500`), else in English. */
export function formatAmount(amount: number, currency: string): string {
  return formatMoney(amount, currency, currency === 'JPY' ? 'ja' : 'en');
}
