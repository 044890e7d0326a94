/**
 * One way to show a person everywhere (lists, pickers, search, forms, exports): « Prénom NOM », the last name in
 * capitals as on the Caf's forms, whatever case it was typed or imported in.
 */
export function personName(p: { firstName?: string | undefined; lastName?: string | undefined }): string {
  return [(p.firstName ?? '').trim(), (p.lastName ?? '').trim().toLocaleUpperCase('fr-FR')].filter(Boolean).join(' ');
}
