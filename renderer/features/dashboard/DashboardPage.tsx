/**
 * Tableau de bord: what needs doing, one card per list, each line opening the partner on the right tab.
 * The lists come from the derived-state worker (renderer/derived): its snapshot is loaded in one read and caught
 * up with what changed since, so opening the dashboard does not read the base. Cards show a skeleton with
 * aria-busy until the lists are there, and follow every change the worker reports.
 */
import { useEffect, useState } from 'react';
import { Box, Button, Chip, List, ListItemText, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { LinkListItem } from '../../components/LinkListItem';
import type { CsvColumn } from '../../../shared/csv/toCsv';
import { formatDate, todayIso } from '../../../shared/rules/dates';
import { href } from '../../app/router';
import { useServices } from '../../app/services';
import { CsvExportButton, csvFileName } from '../../components/CsvExportButton';
import { PageHeader } from '../../components/PageHeader';
import { OverdueFollowUpsCard } from '../escalation/OverdueFollowUpsCard';
import { derivedDashboardLines, useDerivedDashboard } from '../../derived/client';
import type { Dashboard, DashboardCardView, DashboardLine, DashboardView } from './dashboardData';
import { RENEWAL_WINDOW_DAYS, REVIEW_WINDOW_DAYS } from './windows';

const csvColumns: CsvColumn<DashboardLine>[] = [
  { header: 'Partenaire', value: (l) => l.partnerName },
  { header: 'À faire', value: (l) => l.detail },
  { header: 'Date', value: (l) => formatDate(l.date) },
];

interface CardSpec {
  id: keyof Dashboard;
  title: string;
  file: string;
  explain: string;
  empty: string;
  /** A link to act on the list (the reviews card opens the reverse-review campaign). */
  action?: { label: string; href: string };
}

const cards: CardSpec[] = [
  {
    id: 'renewals',
    title: 'Conventions à renouveler ou se terminant',
    file: 'conventions-echeances',
    explain: `Reconductions tacites et fins de convention dans les ${RENEWAL_WINDOW_DAYS} prochains jours.`,
    empty: `Aucune convention n'arrive à échéance dans les ${RENEWAL_WINDOW_DAYS} prochains jours.`,
  },
  {
    id: 'reviews',
    title: 'Revues inverses à faire',
    file: 'revues-inverses',
    explain: `Revues annuelles des habilitations en retard ou dues dans les ${REVIEW_WINDOW_DAYS} jours.`,
    empty: `Aucune revue inverse en retard ni due dans les ${REVIEW_WINDOW_DAYS} jours.`,
    action: { label: 'Lancer la campagne', href: href('rapports', 'campagne') },
  },
  {
    id: 'quotas',
    title: 'Quotas atteints ou dépassés',
    file: 'quotas-atteints',
    explain: "Profils dont les habilitations actives (ou en cours de suppression) atteignent le nombre autorisé du bulletin d'adhésion.",
    empty: 'Aucun profil n’a atteint son nombre autorisé.',
  },
  {
    id: 'missingRoles',
    title: 'Partenaires sans rôle obligatoire',
    file: 'roles-manquants',
    explain: 'Il faut à chaque partenaire un administrateur, un suppléant, un responsable sécurité et un référent informatique et libertés.',
    empty: 'Tous les partenaires actifs ont leurs quatre rôles obligatoires.',
  },
  {
    id: 'suppressions',
    title: "Demandes de suppression d'accès en attente",
    file: 'suppressions-en-attente',
    explain: 'Accès dont la suppression a été demandée et reste à confirmer.',
    empty: "Aucune demande de suppression d'accès en attente.",
  },
];

/** A card while its list loads: title and explanation, a light skeleton, `aria-busy` for the readiness marker. */
function LoadingCard({ spec }: { spec: CardSpec }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`carte-${spec.id}`} aria-busy="true" sx={{ p: 2, display: 'flex', flexDirection: 'column', minWidth: 0 }} data-testid={`carte-${spec.id}`}>
      <Typography variant="h6" component="h2" id={`carte-${spec.id}`} sx={{ fontSize: 17 }}>
        {spec.title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {spec.explain}
      </Typography>
      <Skeleton variant="rounded" height={48} />
    </Paper>
  );
}

function DashboardCard({ spec, view, loadAll }: { spec: CardSpec; view: DashboardCardView | undefined; loadAll(): Promise<DashboardLine[]> }) {
  return view ? <LoadedCard spec={spec} view={view} loadAll={loadAll} /> : <LoadingCard spec={spec} />;
}

/**
 * A card with its counts and first lines; « Tout afficher » asks the worker for the rest (and again whenever the
 * card changes while it is open), so the page never holds thousands of lines it does not show.
 */
function LoadedCard({ spec, view, loadAll }: { spec: CardSpec; view: DashboardCardView; loadAll(): Promise<DashboardLine[]> }) {
  const [all, setAll] = useState(false);
  const [allLines, setAllLines] = useState<DashboardLine[] | null>(null);
  useEffect(() => {
    if (!all) return setAllLines(null);
    let alive = true;
    void loadAll().then((l) => alive && setAllLines(l));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new view of the card means new lines
  }, [all, view]);
  const shown = all && allLines ? allLines : view.first;
  const count = view.count;
  const urgent = view.urgent;
  return (
    <Paper variant="outlined" component="section" aria-labelledby={`carte-${spec.id}`} sx={{ p: 2, display: 'flex', flexDirection: 'column', minWidth: 0 }} data-testid={`carte-${spec.id}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" id={`carte-${spec.id}`} sx={{ flex: 1, fontSize: 17 }}>
          {spec.title}
        </Typography>
        <Chip label={count} color={count === 0 ? 'default' : urgent ? 'error' : 'warning'} size="small" aria-label={`${count} ligne${count > 1 ? 's' : ''}`} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {spec.explain}
      </Typography>
      {count === 0 ? (
        <Typography variant="body2" sx={{ py: 1 }} data-testid="carte-vide">
          {spec.empty}
        </Typography>
      ) : (
        <>
          <List dense disablePadding sx={{ maxHeight: 360, overflow: 'auto' }}>
            {shown.map((l) => (
              <LinkListItem key={l.key} href={href('partenaires', l.partnerId, l.tab, ...(spec.id === 'reviews' ? ['revue'] : []))} sx={{ borderLeft: 3, borderColor: l.urgent ? 'error.main' : 'transparent' }}>
                <ListItemText primary={l.partnerName} secondary={l.detail} />
              </LinkListItem>
            ))}
          </List>
          <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
            {count > view.first.length && (
              <Button size="small" onClick={() => setAll(!all)} aria-busy={all && !allLines}>
                {all ? 'Réduire' : `Tout afficher (${count})`}
              </Button>
            )}
            <Box sx={{ flex: 1 }} />
            {spec.action && (
              <Button size="small" variant="outlined" href={spec.action.href}>
                {spec.action.label}
              </Button>
            )}
            <CsvExportButton fileName={csvFileName(spec.file)} columns={csvColumns} rows={loadAll} label="CSV" />
          </Stack>
        </>
      )}
    </Paper>
  );
}

export function DashboardPage() {
  // The first screen paints before the base and the Store are loaded: the worker needs only the base's name and id.
  const { dbName, replicaId } = useServices();
  const today = todayIso();
  const data: Partial<DashboardView> = useDerivedDashboard(dbName, replicaId, today) ?? {};
  return (
    <>
      <PageHeader title="Tableau de bord" subtitle={`Situation au ${formatDate(today)}`} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        {cards.map((c) => (
          <DashboardCard key={c.id} spec={c} view={data[c.id]} loadAll={() => (replicaId ? derivedDashboardLines(dbName, replicaId, today, c.id) : Promise.resolve([]))} />
        ))}
        <OverdueFollowUpsCard />
      </Box>
    </>
  );
}
