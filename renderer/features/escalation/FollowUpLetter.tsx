/**
 * « Lettre et mél de relance » of one follow-up: the letter (PDF, drawn like the campaign letters) and the e-mail
 * (`mailto:` — no attachment is needed — or an `.eml` draft) from the office's relance template, filled with the
 * partner's records. A template naming an unknown placeholder, or a partner without administrator or address,
 * is said in French with what to fix, and nothing is produced.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { dataOf } from '../../../shared/crdt/record';
import type { FollowUp } from '../../../shared/domain/followup';
import type { Partner } from '../../../shared/domain/partner';
import { followUpFileName, followUpMessage } from '../../../shared/campaign/letter';
import { letterContext } from '../../../shared/templates';
import { DEFAULT_FOLLOW_UP_TEMPLATE_ID } from '../../../shared/templates/defaults';
import { todayIso } from '../../../shared/rules/dates';
import type { AppDatabase } from '../../db/database';
import { liveRows, liveRowsWhere } from '../../db/store';
import { useServices } from '../../app/services';
import { cafOf } from '../campaign/data';
import { buildEml, MAILTO_MAX, mailtoLink } from '../campaign/eml';
import { letterMaker } from '../campaign/letters';
import { readTemplates } from '../reports/templateActions';

/** Only this partner's records (indexed reads): the letter of one relance does not read the whole base. */
export async function readFollowUpLetterSources(db: AppDatabase, partnerId: string) {
  const [rec, cafs, conventions, contacts, habilitations, templates] = await Promise.all([
    db.partners.get(partnerId),
    liveRows(db, 'cafs'),
    liveRowsWhere(db, 'conventions', 'partnerId', partnerId),
    liveRowsWhere(db, 'contacts', 'partnerId', partnerId),
    liveRowsWhere(db, 'habilitations', 'partnerId', partnerId),
    readTemplates(db),
  ]);
  const partner = rec && rec._deleted === 0 ? dataOf<Partner>(rec) : null;
  return { partner, cafs, conventions, contacts, habilitations, templates: templates.filter((t) => t.kind === 'relance') };
}

const personName = (c: { firstName: string; lastName: string }) => [c.firstName, c.lastName.toUpperCase()].filter(Boolean).join(' ');

export function FollowUpLetter({ fu, compact = false }: { fu: FollowUp; compact?: boolean }) {
  const { db, settings, platform } = useServices();
  const src = useLiveQuery(() => readFollowUpLetterSources(db, fu.partnerId), [db, fu.partnerId]);
  const [templateId, setTemplateId] = useState<string>(DEFAULT_FOLLOW_UP_TEMPLATE_ID);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  if (!src) return null;
  if (!src.partner) return null;
  const today = todayIso();
  const template = src.templates.find((t) => t.id === templateId) ?? src.templates[0];
  const ctx = letterContext(
    { partner: src.partner, caf: cafOf(src.partner, new Map(src.cafs.map((c) => [c.id, c])), settings), conventions: src.conventions, contacts: src.contacts, habilitations: src.habilitations },
    today,
  );
  const out = followUpMessage(ctx, template, today, { subject: fu.subject, sentAt: fu.sentAt, channel: fu.channel }, settings.userName);
  const msg = out.message;
  const letterOk = !!msg && out.letterProblems.length === 0;
  const mailOk = letterOk && out.emailProblems.length === 0 && !!ctx.administrator;
  const link = mailOk ? mailtoLink(ctx.administrator!.email, msg!.subject, msg!.emailText, ctx.deputy?.email) : null;
  const linkTooLong = !!link && link.length > MAILTO_MAX;
  const problems = [...out.letterProblems, ...out.emailProblems.filter((p) => !out.letterProblems.includes(p))];
  const name = src.partner.name;

  const pdfBytes = () => letterMaker()(msg!.letter, { title: msg!.subject, author: ctx.caf?.name ?? '' });
  const save = async (kind: 'pdf' | 'eml') => {
    setMessage(null);
    try {
      const pdf = await pdfBytes();
      const pdfName = followUpFileName(today, name, 'pdf');
      const r =
        kind === 'pdf'
          ? await platform.saveFile({ suggestedName: pdfName, filters: [{ name: 'Document PDF', extensions: ['pdf'] }], data: pdf })
          : await platform.saveFile({
              suggestedName: followUpFileName(today, name, 'eml'),
              filters: [{ name: 'Message (Outlook)', extensions: ['eml'] }],
              data: buildEml({
                from: { name: ctx.caf?.name ?? '', email: ctx.caf?.helpdeskEmail ?? '' },
                to: { name: personName(ctx.administrator!), email: ctx.administrator!.email },
                cc: ctx.deputy?.email ? { name: personName(ctx.deputy), email: ctx.deputy.email } : undefined,
                subject: msg!.subject,
                text: msg!.emailText,
                attachment: { fileName: pdfName, contentType: 'application/pdf', data: pdf },
              }),
            });
      if (r.saved) setMessage({ severity: 'success', text: `Enregistré : ${r.path ?? pdfName}` });
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const buttons = (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <Button size="small" variant={compact ? 'text' : 'outlined'} disabled={!letterOk} onClick={() => void save('pdf')} aria-label={`Lettre de relance (PDF) — ${fu.subject}`}>
        Lettre de relance (PDF)
      </Button>
      <Button size="small" variant={compact ? 'text' : 'outlined'} disabled={!link || linkTooLong} href={link && !linkTooLong ? link : undefined} aria-label={`Mél de relance — ${fu.subject}`}>
        Mél de relance
      </Button>
      <Button size="small" disabled={!mailOk || !ctx.caf?.helpdeskEmail} onClick={() => void save('eml')} aria-label={`Brouillon .eml de relance — ${fu.subject}`}>
        Brouillon .eml
      </Button>
    </Stack>
  );
  const notes = (
    <>
      {problems.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="relance-a-corriger">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
      {linkTooLong && (
        <Alert severity="info" sx={{ mt: 1 }}>
          Ce mél est trop long pour un lien vers la messagerie : utilisez le brouillon .eml.
        </Alert>
      )}
      {message && (
        <Alert severity={message.severity} sx={{ mt: 1 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
    </>
  );
  if (compact)
    return (
      <Box data-testid="relance-courrier">
        {buttons}
        {notes}
      </Box>
    );
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} component="section" aria-labelledby={`relance-courrier-${fu.id}`} data-testid="relance-courrier">
      <Typography id={`relance-courrier-${fu.id}`} variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        Lettre et mél de relance
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        {src.templates.length > 1 && (
          <TextField select size="small" label="Modèle" value={template?.id ?? ''} onChange={(e) => setTemplateId(e.target.value)} sx={{ minWidth: 260 }}>
            {src.templates.map((t) => (
              <MenuItem key={t.id} value={t.id}>
                {t.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {buttons}
      </Stack>
      {msg && letterOk && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          À {ctx.administrator ? `${personName(ctx.administrator)}${ctx.administrator.email ? ` <${ctx.administrator.email}>` : ''}` : "l'administrateur principal"}
          {ctx.deputy?.email ? `, copie ${personName(ctx.deputy)}` : ''} — objet « {msg.subject} »
        </Typography>
      )}
      {notes}
    </Paper>
  );
}
