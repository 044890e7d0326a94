/**
 * Writes of the forms feature. Each is ONE store.write (one transaction): it all happens or nothing does.
 */
import { isRoleActive } from '../../../shared/rules/requiredRoles';
import { dayBefore } from '../../../shared/rules/dates';
import { formTitles, peopleOf, type DesignationForm, type FilledForm, type SuppressionForm } from '../../../shared/forms';
import type { EndReason } from '../../../shared/domain';
import { checkEndAccess } from '../../../shared/rules/quota';
import { ValidationError, type Store } from '../../db/store';

/** Remember an issued form with the exact data printed (its snapshot). */
export async function recordIssuedForm(store: Store, partnerId: string, form: FilledForm, issuedBy: string, issuedAt: string): Promise<string> {
  return store.write(`Formulaire émis : ${formTitles[form.type]}`, (ctx) =>
    ctx.create('issuedForms', {
      partnerId,
      type: form.type,
      issuedAt,
      issuedBy,
      people: peopleOf(form),
      snapshot: JSON.stringify(form),
    }),
  );
}

/**
 * After a suppression request: its accesses become « suppression demandée », ending on the form's « à compter
 * du » date (today when left blank), reason « perte ou vol » where ticked, `otherReason` for the rest.
 */
export async function markSuppressionRequested(store: Store, form: SuppressionForm, otherReason: EndReason, today: string): Promise<number> {
  const endOn = form.effectiveOn || today;
  return store.write("Suppression d'accès demandée (formulaire)", async (ctx) => {
    let n = 0;
    for (const row of form.rows) {
      if (!row.habilitationId) continue;
      const h = await ctx.get('habilitations', row.habilitationId);
      if (!h) throw new ValidationError(`L'accès de ${row.firstName} ${row.lastName} n'existe plus : rien n'a été modifié.`);
      if (h.status === 'supprimee') continue;
      const reason: EndReason = row.perteVol ? 'perte-vol' : otherReason;
      const refusal = checkEndAccess(h, reason, endOn);
      if (refusal) throw new ValidationError(`${row.firstName} ${row.lastName} : ${refusal}`);
      await ctx.update('habilitations', h.id, { status: 'suppression-demandee', endReason: reason, endOn });
      n++;
    }
    return n;
  });
}

/**
 * After an administrator form: the new person becomes « administrateur » from today; the replaced person's
 * administrateur role ends today (kept as history, never deleted).
 */
export async function recordAdministratorChange(store: Store, form: DesignationForm, newAdminId: string, replacedId: string | null, today: string): Promise<void> {
  await store.write(form.replaces ? "Remplacement de l'administrateur" : "Désignation d'un administrateur", async (ctx) => {
    const next = await ctx.get('contacts', newAdminId);
    if (!next) throw new ValidationError("Le nouvel administrateur n'existe plus dans les interlocuteurs : rien n'a été modifié.");
    if (replacedId) {
      const old = await ctx.get('contacts', replacedId);
      if (!old) throw new ValidationError("L'administrateur remplacé n'existe plus dans les interlocuteurs : rien n'a été modifié.");
      // The old role's last day is the day before: on `today` only the new administrator is current.
      const roles = old.roles.map((r) => (r.role === 'administrateur' && isRoleActive(r, today) ? { ...r, until: dayBefore(today) } : r));
      await ctx.update('contacts', old.id, { roles });
    }
    const already = next.roles.some((r) => r.role === 'administrateur' && isRoleActive(r, today));
    if (!already) await ctx.update('contacts', next.id, { roles: [...next.roles, { role: 'administrateur', from: today }] });
  });
}
