import '@fontsource/noto-emoji/400.css';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Box, Button, Link, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { dataOf } from '../../../shared/crdt/record';
import { territoryLabels } from '../../../shared/domain/common';
import type { Caf } from '../../../shared/domain/caf';
import type { EscalationChain } from '../../../shared/domain/escalation';
import type { Partner } from '../../../shared/domain/partner';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { formatPhone } from '../../../shared/rules/phone';
import { contactName, DEFAULT_DELAY, delayLabel, type KnownContact } from '../../../shared/rules/escalation';
import { useServices } from '../../app/services';
import { href } from '../../app/router';
import { liveRowsWhere } from '../../db/store';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { contactWarning } from './ContactLine';
import { readChain, readKnownContacts } from './data';
import './escalationSheet.css';

interface SheetData {
  partner: Partner;
  caf?: Caf;
  chain: EscalationChain | null;
  conventionNumber: string;
  known: Map<string, KnownContact>;
}

/** A long address may break after « @ » rather than mid-word. */
function EmailText({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

function SideTable({ title, ids, known, today }: { title: string; ids: string[]; known: Map<string, KnownContact>; today: string }) {
  return (
    <>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th className="esc-order">N°</th>
            <th>Interlocuteur</th>
            <th>Fonction</th>
            <th>Téléphone</th>
            <th>Mél</th>
          </tr>
        </thead>
        <tbody>
          {ids.length === 0 ? (
            <tr>
              <td className="esc-order">—</td>
              <td colSpan={4} className="esc-warn">
                Aucun interlocuteur renseigné (à compléter à la main).
              </td>
            </tr>
          ) : (
            ids.map((id, i) => {
              const k = known.get(id);
              const c = k?.contact;
              const warning = contactWarning(k, today);
              return (
                <tr key={id}>
                  <td className="esc-order">{i + 1}</td>
                  <td>
                    <span className="esc-name">{c ? `${c.civility ? `${c.civility} ` : ''}${contactName(c)}` : 'Interlocuteur inconnu'}</span>
                    {warning && <div className="esc-warn">{warning}</div>}
                  </td>
                  <td>{c?.function ?? ''}</td>
                  <td className="esc-phone">
                    {[c?.landline, c?.mobile].filter((p): p is string => !!p).map((p) => (
                      <div key={p}>{formatPhone(p)}</div>
                    ))}
                  </td>
                  <td>{c?.email ? <EmailText email={c.email} /> : ''}</td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </>
  );
}

/** The printable sheet itself (same component on screen and in the print host). */
export function EscalationSheetDocument({ data }: { data: SheetData }) {
  const { partner, caf, chain, conventionNumber, known } = data;
  const today = todayIso();
  const delay = chain ? delayLabel(chain.delayValue, chain.delayUnit) : delayLabel(DEFAULT_DELAY.value, DEFAULT_DELAY.unit);
  // Long chains use a tighter layout so the sheet stays on one page (it is meant for the wall).
  const entries = (chain?.cafSide.length ?? 0) + (chain?.partnerSide.length ?? 0);
  return (
    <div className={entries > 12 ? 'esc-sheet esc-dense' : 'esc-sheet'} data-testid="escalation-sheet">
      <h1>Fiche d'escalade</h1>
      <div className="esc-meta">
        <div>
          <strong>{partner.name}</strong>
          <div>{[partner.address.line1, partner.address.line2, [partner.address.postalCode, partner.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</div>
          {conventionNumber && <div>Convention « Mon Compte Partenaire » n° {conventionNumber}</div>}
        </div>
        <div style={{ textAlign: 'right' }}>
          <strong>{caf?.name ?? 'Caf'}</strong>
          {caf && <div>Calendrier : {territoryLabels[caf.territory]}</div>}
        </div>
      </div>
      <div className="esc-rule">
        <strong>Procédure d'escalade en cas d'urgence.</strong> En absence de réponse du centre de services Caf ou du partenaire dans un délai
        de <strong>{delay}</strong>
        {!chain && ' (délai par défaut, aucune procédure enregistrée)'} ou en présence d'une situation jugée urgente par l'une ou l'autre des
        parties, les interlocuteurs suivants sont à contacter <strong>dans l'ordre présenté</strong>.
        <div>
          Horaires du centre de services : du lundi au vendredi, de {chain?.serviceOpens ?? '08:00'} à {chain?.serviceCloses ?? '16:00'}, hors
          jours fériés.
        </div>
      </div>
      {caf && (caf.helpdeskEmail || caf.helpdeskPhone) && (
        <div>
          Guichet unique de la Caf : {[caf.helpdeskPhone && formatPhone(caf.helpdeskPhone), caf.helpdeskEmail].filter(Boolean).join(' · ')}
          {caf.serviceHours && ` (${caf.serviceHours})`}
        </div>
      )}
      <SideTable title="Pour la Caf" ids={chain?.cafSide.map((e) => e.contactId) ?? []} known={known} today={today} />
      <SideTable title="Pour le partenaire" ids={chain?.partnerSide.map((e) => e.contactId) ?? []} known={known} today={today} />
      <div className="esc-foot">Fiche éditée le {formatDate(today)} à partir des interlocuteurs enregistrés ; vérifiez-la après tout changement de personne.</div>
    </div>
  );
}

/** Mounted beside #root while the sheet is shown: print and PDF contain the sheet and nothing else. */
function SheetPrintHost({ data }: { data: SheetData }) {
  const [host] = useState(() => {
    const el = document.createElement('div');
    el.className = 'esc-print-host';
    return el;
  });
  useEffect(() => {
    document.body.appendChild(host);
    document.body.classList.add('esc-print-active');
    return () => {
      host.remove();
      document.body.classList.remove('esc-print-active');
    };
  }, [host]);
  return createPortal(<EscalationSheetDocument data={data} />, host);
}

export function EscalationSheetPage({ partnerId }: { partnerId: string }) {
  const { db, platform } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  // The menu's « Imprimer » (Ctrl+P) prints the sheet while it is shown.
  useEffect(
    () =>
      platform.onMenuCommand((command) => {
        if (command === 'imprimer') void platform.print();
      }),
    [platform],
  );
  const data = useLiveQuery(async (): Promise<SheetData | null> => {
    const p = await db.partners.get(partnerId);
    if (!p || p._deleted) return null;
    const partner = dataOf<Partner>(p);
    const c = await db.cafs.get(partner.cafId);
    const conventions = await liveRowsWhere(db, 'conventions', 'partnerId', partnerId);
    return {
      partner,
      caf: c && !c._deleted ? dataOf<Caf>(c) : undefined,
      chain: await readChain(db, partnerId),
      conventionNumber: conventions.map((x) => x.number).find(Boolean) ?? '',
      known: await readKnownContacts(db),
    };
  }, [db, partnerId]);

  if (data === undefined) return <Typography>Chargement…</Typography>;
  if (data === null) return <EmptyState title="Partenaire introuvable">Ce partenaire n'existe pas ou a été supprimé.</EmptyState>;
  const fileName = `Fiche d'escalade - ${data.partner.name}.pdf`.replace(/[\\/:*?"<>|]/g, '-');
  return (
    <>
      <Box className="no-print">
        <PageHeader
          title="Fiche d'escalade"
          subtitle={
            <>
              <Link href={href('relances', 'escalade', partnerId)}>Modifier la procédure de {data.partner.name}</Link>
            </>
          }
          actions={
            <>
              <Button variant="contained" startIcon={<PrintIcon />} onClick={() => void platform.print()}>
                Imprimer
              </Button>
              <Button
                variant="outlined"
                startIcon={<PictureAsPdfIcon />}
                onClick={async () => {
                  const r = await platform.savePdf(fileName);
                  setMessage(r.saved ? `Fiche enregistrée : ${r.path ?? fileName}` : null);
                }}
              >
                Enregistrer en PDF
              </Button>
            </>
          }
        />
        {message && (
          <Alert severity="success" sx={{ mb: 2 }} onClose={() => setMessage(null)}>
            {message}
          </Alert>
        )}
        {!data.chain && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            Aucune procédure d'escalade n'est enregistrée pour ce partenaire : la fiche laisse les listes à compléter à la main.
          </Alert>
        )}
      </Box>
      <Box sx={{ overflowX: 'auto', py: 1 }}>
        <EscalationSheetDocument data={data} />
      </Box>
      <SheetPrintHost data={data} />
    </>
  );
}
