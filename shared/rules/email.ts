/**
 * The one e-mail rule: every field where an address is typed (contacts, habilitations, the Caf's guichet unique)
 * checks it here, so a « pas-un-mail » refused in one dialog is refused in all of them.
 */
export const EMAIL_MESSAGE = 'Adresse mél invalide (ex. prenom.nom@mairie.fr).';

// Local part and a dotted domain, no spaces: the shape a professional address has. Deliberately not RFC 5322 —
// the office types ordinary addresses, and a stricter rule would refuse nothing more that matters.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** null when empty (optional everywhere) or well formed; otherwise the French message shown under the field. */
export function emailError(s: string): string | null {
  const v = s.trim();
  if (!v) return null;
  return EMAIL_SHAPE.test(v) ? null : EMAIL_MESSAGE;
}
