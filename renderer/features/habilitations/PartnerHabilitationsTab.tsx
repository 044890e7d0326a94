/**
 * « Profils et habilitations » tab of a partner: the bulletin d'adhésion table (authorised number per profile,
 * seats in use, quota indicator) and the people holding access, with add / end-of-access flows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { saveFailureText } from '../../components/saveError';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControlLabel,
  Paper,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { cdapProfiles, profileByCode } from '../../../shared/catalog/cdapProfiles';
import { endReasonLabels, habilitationStatusLabels, type Allocation, type Habilitation } from '../../../shared/domain/habilitation';
import { formatDate } from '../../../shared/rules/dates';
import { holdsSeat, quotaLevelLabels, quotaState, type QuotaLevel } from '../../../shared/rules/quota';
import { useServices } from '../../app/services';
import { useRoute } from '../../app/router';
import { liveRowsWhere } from '../../db/store';
import { setAllocation } from './actions';
import { AddHabilitationDialog, EndAccessDialog } from './HabilitationDialogs';
import { personName } from '../../../shared/rules/names';

const SERVICE = 'CDAP';
const byName = new Intl.Collator('fr', { sensitivity: 'base' }).compare;
const PAGE_SIZE = 50;

const levelColor: Record<QuotaLevel, 'default' | 'success' | 'warning' | 'error'> = {
  'non-accorde': 'default',
  disponible: 'success',
  atteint: 'warning',
  depasse: 'error',
};

export function QuotaChip({ level }: { level: QuotaLevel }) {
  if (level === 'non-accorde' || level === 'disponible') return <Typography variant="body2" color="text.secondary">{quotaLevelLabels[level]}</Typography>;
  return <Chip size="small" color={levelColor[level]} label={quotaLevelLabels[level]} />;
}

/** Authorised number, saved on blur or Enter; blank = profile not granted. */
function AllocationField({ partnerId, profile, value, onError }: { partnerId: string; profile: string; value: number | undefined; onError: (m: string | null) => void }) {
  const { store } = useServices();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined ? '' : String(value));
  const save = async () => {
    if (text === null) return;
    const trimmed = text.trim();
    const next = trimmed === '' || trimmed === '/' ? undefined : Number(trimmed);
    if (next === value) return setText(null);
    if (next !== undefined && (!/^\d+$/.test(trimmed) || Number.isNaN(next))) {
      return onError("Le nombre autorisé doit être un entier positif ou nul (laisser vide si le profil n'est pas accordé).");
    }
    try {
      await setAllocation(store, partnerId, SERVICE, profile, next);
      onError(null);
      setText(null);
    } catch (e) {
      onError(saveFailureText(e));
    }
  };
  return (
    <TextField
      size="small"
      value={shown}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => e.key === 'Enter' && void save()}
      slotProps={{ htmlInput: { 'aria-label': `Nombre autorisé ${profile}`, inputMode: 'numeric', style: { textAlign: 'right', width: 64 } } }}
    />
  );
}

export function PartnerHabilitationsTab({ partnerId }: { partnerId: string }) {
  const { db } = useServices();
  const allocations = useLiveQuery(() => liveRowsWhere(db, 'allocations', 'partnerId', partnerId), [db, partnerId]);
  const habilitations = useLiveQuery(() => liveRowsWhere(db, 'habilitations', 'partnerId', partnerId), [db, partnerId]);
  const [allocError, setAllocError] = useState<string | null>(null);
  const [adding, setAdding] = useState<{ profile?: string } | null>(null);
  const [ending, setEnding] = useState<Habilitation | null>(null);
  /** What the last end-of-access did, said once the dialog closes (the row may leave the list). */
  const [notice, setNotice] = useState<string | null>(null);
  const [showRemoved, setShowRemoved] = useState(false);
  const [page, setPage] = useState(0);

  const byProfile = useMemo(() => {
    const max = new Map<string, Allocation>();
    for (const a of allocations ?? []) if (a.service === SERVICE) max.set(a.profile, a);
    const used = new Map<string, number>();
    for (const h of habilitations ?? []) if (h.service === SERVICE && holdsSeat(h)) used.set(h.profile, (used.get(h.profile) ?? 0) + 1);
    return { max, used };
  }, [allocations, habilitations]);

  const people = useMemo(() => {
    const rows = (habilitations ?? []).filter((h) => showRemoved || h.status !== 'supprimee');
    const order = { 'suppression-demandee': 0, active: 1, supprimee: 2 } as const;
    return rows.sort((a, b) => order[a.status] - order[b.status] || byName(a.lastName, b.lastName) || byName(a.firstName, b.firstName));
  }, [habilitations, showRemoved]);

  // An access opened from the search (`?acces=<id>`): shown even when removed, on its page, highlighted.
  const focusId = useRoute().query.get('acces');
  const target = focusId ? habilitations?.find((h) => h.id === focusId) : undefined;
  const [revealed, setRevealed] = useState<string | null>(null);
  const focusRow = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    if (!target || revealed === target.id) return;
    if (target.status === 'supprimee' && !showRemoved) return setShowRemoved(true);
    const i = people.findIndex((h) => h.id === target.id);
    if (i < 0) return;
    setPage(Math.floor(i / PAGE_SIZE));
    setRevealed(target.id);
  }, [target, revealed, showRemoved, people]);
  useEffect(() => {
    if (revealed) focusRow.current?.scrollIntoView({ block: 'center' });
  }, [revealed, page]);

  if (!allocations || !habilitations) return <Typography>Chargement…</Typography>;
  const removedCount = habilitations.filter((h) => h.status === 'supprimee').length;
  // Profiles outside the catalogue (older bulletins) still show, so no allocation is hidden.
  const extraCodes = [...new Set([...byProfile.max.keys(), ...byProfile.used.keys()])].filter((c) => !profileByCode(c));
  const pageRows = people.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

  return (
    <Stack spacing={3} data-testid="onglet-habilitations">
      {notice && (
        <Alert severity="success" role="status" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Box>
        <Typography variant="h6" component="h2" gutterBottom>
          Bulletin d'adhésion {SERVICE} — profils autorisés
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          Nombre maximal d'utilisateurs par profil. Laissez vide (ou « / ») un profil non accordé. Les habilitations actives et celles dont la suppression est demandée occupent une place.
        </Typography>
        {allocError && (
          <Alert severity="error" role="alert" sx={{ mb: 1 }} onClose={() => setAllocError(null)}>
            {allocError}
          </Alert>
        )}
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={`Profils autorisés ${SERVICE}`}>
            <TableHead>
              <TableRow>
                <TableCell>Profil</TableCell>
                <TableCell>Libellé</TableCell>
                <TableCell align="right">Nombre autorisé</TableCell>
                <TableCell align="right">Habilitations actives</TableCell>
                <TableCell>Quota</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...cdapProfiles.map((p) => ({ code: p.code, label: p.label })), ...extraCodes.map((c) => ({ code: c, label: '(hors catalogue)' }))].map((p) => {
                const alloc = byProfile.max.get(p.code);
                const used = byProfile.used.get(p.code) ?? 0;
                const state = quotaState(alloc?.maxUsers, used);
                return (
                  <TableRow key={p.code} data-testid={`profil-${p.code}`} sx={state.level === 'non-accorde' ? { '& td': { color: 'text.secondary' } } : undefined}>
                    <TableCell sx={{ fontWeight: 600 }}>{p.code}</TableCell>
                    <TableCell>{p.label}</TableCell>
                    <TableCell align="right">
                      <AllocationField key={`${p.code}-${alloc?.maxUsers ?? ''}`} partnerId={partnerId} profile={p.code} value={alloc?.maxUsers} onError={setAllocError} />
                    </TableCell>
                    <TableCell align="right">{used}</TableCell>
                    <TableCell>
                      <QuotaChip level={state.level} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      </Box>

      <Box>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            Personnes habilitées ({habilitations.length - removedCount})
          </Typography>
          <FormControlLabel control={<Switch checked={showRemoved} onChange={(e) => { setShowRemoved(e.target.checked); setPage(0); }} />} label={`Afficher les accès supprimés (${removedCount})`} />
          <Button variant="contained" onClick={() => setAdding({})}>
            Ajouter une habilitation
          </Button>
        </Stack>
        {people.length === 0 ? (
          <Paper variant="outlined" sx={{ p: 3, textAlign: 'center' }} data-testid="empty-state">
            <Typography>Aucune personne habilitée pour ce partenaire.</Typography>
            <Typography variant="body2" color="text.secondary">
              Renseignez d'abord les nombres autorisés du bulletin d'adhésion, puis « Ajouter une habilitation » pour chaque utilisateur du service.
            </Typography>
          </Paper>
        ) : (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Personnes habilitées">
              <TableHead>
                <TableRow>
                  <TableCell>Nom</TableCell>
                  <TableCell>Adresse mél</TableCell>
                  <TableCell>Fonction</TableCell>
                  <TableCell>Profil</TableCell>
                  <TableCell>Début</TableCell>
                  <TableCell>Statut</TableCell>
                  <TableCell>Fin / motif</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {pageRows.map((h) => (
                  <TableRow
                    key={h.id}
                    data-testid="habilitation"
                    selected={h.id === focusId}
                    aria-current={h.id === focusId ? 'true' : undefined}
                    ref={h.id === focusId ? focusRow : undefined}
                    sx={{ '&.Mui-selected': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
                  >
                    <TableCell>
                      {personName(h)}
                      {h.quotaOverrideReason && (
                        <Typography variant="caption" sx={{ display: "block" }} color="warning.main" title={h.quotaOverrideReason}>
                          Hors quota : {h.quotaOverrideReason}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{h.email}</TableCell>
                    <TableCell>{h.function}</TableCell>
                    <TableCell>
                      {h.profile}
                      {h.instructorNumber ? ` (n° ${h.instructorNumber})` : ''}
                    </TableCell>
                    <TableCell>{formatDate(h.startOn)}</TableCell>
                    <TableCell>
                      <Chip size="small" variant={h.status === 'active' ? 'filled' : 'outlined'} color={h.status === 'active' ? 'success' : h.status === 'suppression-demandee' ? 'warning' : 'default'} label={habilitationStatusLabels[h.status]} />
                    </TableCell>
                    <TableCell>{h.endOn ? `${formatDate(h.endOn)}${h.endReason ? ` — ${endReasonLabels[h.endReason]}` : ''}` : ''}</TableCell>
                    <TableCell align="right">
                      {h.status !== 'supprimee' && (
                        <Button size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => { setNotice(null); setEnding(h); }} aria-label={`Fin d'accès ${personName(h)}`}>
                          Fin d'accès
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {people.length > PAGE_SIZE && (
              <TablePagination
                component="div"
                count={people.length}
                page={page}
                rowsPerPage={PAGE_SIZE}
                rowsPerPageOptions={[PAGE_SIZE]}
                onPageChange={(_e, p) => setPage(p)}
                labelDisplayedRows={({ from, to, count }) => `${from}–${to} sur ${count}`}
              />
            )}
          </TableContainer>
        )}
      </Box>
      {adding && <AddHabilitationDialog open partnerId={partnerId} service={SERVICE} initialProfile={adding.profile} onClose={() => setAdding(null)} />}
      <EndAccessDialog key={ending?.id ?? 'none'} habilitation={ending} onClose={() => setEnding(null)} onDone={setNotice} />
    </Stack>
  );
}
