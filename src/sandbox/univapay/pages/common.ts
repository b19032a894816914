import { emulatorPages } from '../../shared/pages.ts';

/** The sandbox's page helpers under UnivaPay's name. */
export const { page, notFoundPage, forbiddenPage, badRequestPage, fromOwnPage } = emulatorPages('UnivaPay');
