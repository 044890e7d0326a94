/** Checks of the Paramètres and first-run fields; each returns the French message shown, or null. */
import { postalCodeError } from '../../../shared/rules/postalCode';

export const SETTINGS_MESSAGES = {
  userNameMissing: "Indiquez votre nom : il signe l'historique des modifications.",
  userNameTooLong: 'Le nom ne doit pas dépasser 120 caractères.',
  replicaLabelTooLong: 'Le nom du poste ne doit pas dépasser 80 caractères.',
  replicaLabelMissing: 'Donnez un nom à ce poste : les autres postes le verront dans « reçu de … ».',
  cafNameMissing: 'Indiquez le nom de la Caf.',
  cafNameTooLong: 'Le nom de la Caf ne doit pas dépasser 200 caractères.',
  cityTooLong: 'La commune ne doit pas dépasser 120 caractères.',
  addressTooLong: "Une ligne d'adresse ne doit pas dépasser 200 caractères.",
} as const;

export function userNameError(name: string): string | null {
  const v = name.trim();
  if (!v) return SETTINGS_MESSAGES.userNameMissing;
  if (v.length > 120) return SETTINGS_MESSAGES.userNameTooLong;
  return null;
}

export function replicaLabelError(label: string): string | null {
  return label.trim().length > 80 ? SETTINGS_MESSAGES.replicaLabelTooLong : null;
}

/** At first run the name is required (later, Paramètres may leave it empty: « Poste » + the start of its id). */
export function workstationNameError(label: string): string | null {
  return label.trim() ? replicaLabelError(label) : SETTINGS_MESSAGES.replicaLabelMissing;
}

export interface CafIdentityInput {
  name: string;
  postalCode: string;
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
}

export function cafIdentityError(c: CafIdentityInput): string | null {
  const name = c.name.trim();
  if (!name) return SETTINGS_MESSAGES.cafNameMissing;
  if (name.length > 200) return SETTINGS_MESSAGES.cafNameTooLong;
  if ((c.addressLine1 ?? '').length > 200 || (c.addressLine2 ?? '').length > 200) return SETTINGS_MESSAGES.addressTooLong;
  if ((c.city ?? '').length > 120) return SETTINGS_MESSAGES.cityTooLong;
  // The postal code is optional (a Caf may be entered before its address is known) but must be right if given.
  if (c.postalCode.trim()) return postalCodeError(c.postalCode);
  return null;
}
