/**
 * How composed fields are written in one spreadsheet cell (export, and the import's preview): roles with their
 * periods, amendments one a line, services with their opening date. plan.ts parses the same formats back.
 */
import type { Contact, Convention } from '../domain';
import { contactRoleLabels } from '../domain/contact';
import { cellText } from './cells';

/** `Administrateur principal (depuis le 01/02/2020) ; Signataire (du 01/02/2020 au 03/04/2022)` */
export function formatRoles(roles: Contact['roles']): string {
  return roles
    .map((r) => {
      const label = contactRoleLabels[r.role];
      const d = (iso: string) => cellText(new Date(`${iso}T00:00:00Z`));
      if (r.from && r.until) return `${label} (du ${d(r.from)} au ${d(r.until)})`;
      if (r.from) return `${label} (depuis le ${d(r.from)})`;
      if (r.until) return `${label} (jusqu'au ${d(r.until)})`;
      return label;
    })
    .join(' ; ');
}

/** One amendment a line: `05/03/2024 : Ajout du profil T2`. */
export function formatAmendments(list: Convention['amendments']): string {
  return list.map((a) => `${cellText(new Date(`${a.date}T00:00:00Z`))} : ${a.object}`).join('\n');
}

/** `CDAP (01/02/2020), AFAS` */
export function formatServices(list: Convention['services']): string {
  return list.map((s) => (s.availableOn ? `${s.code} (${cellText(new Date(`${s.availableOn}T00:00:00Z`))})` : s.code)).join(', ');
}
