import { Box, Card, CardContent, Chip, Link, List, ListItemText, Typography } from '@mui/material';
import { LinkListItem } from '../../components/LinkListItem';
import { formatDateTime } from '../../../shared/rules/dates';
import { contactName } from '../../../shared/rules/escalation';
import { href } from '../../app/router';
import { useContactsById, useNow, useFollowUpRows } from './data';

const SHOWN = 8;

/** Dashboard card: follow-ups past their escalation time; each line opens the request. */
export function OverdueFollowUpsCard() {
  const now = useNow(60_000);
  const { open, loaded } = useFollowUpRows(now);
  const overdue = open.filter((r) => r.state.overdue);
  // The card names the next contact of its first lines only: read those, not the 30,000 contacts of a large base.
  const known = useContactsById([...new Set(overdue.slice(0, SHOWN).flatMap((r) => (r.state.nextContactId ? [r.state.nextContactId] : [])))]);
  return (
    <Card variant="outlined" data-testid="overdue-followups-card">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            Relances en retard
          </Typography>
          {loaded && <Chip size="small" color={overdue.length ? 'error' : 'default'} label={overdue.length} aria-label={`${overdue.length} relances en retard`} />}
        </Box>
        {!loaded ? (
          <Typography variant="body2">Chargement…</Typography>
        ) : overdue.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Aucune relance en retard. {open.length ? `${open.length} relance${open.length > 1 ? 's' : ''} ouverte${open.length > 1 ? 's' : ''} dans les délais.` : ''}
          </Typography>
        ) : (
          <List dense disablePadding>
            {overdue.slice(0, SHOWN).map((r) => {
              const next = r.state.nextContactId ? known?.get(r.state.nextContactId) : undefined;
              return (
                <LinkListItem key={r.fu.id} href={href('relances', 'demande', r.fu.id)}>
                  <ListItemText
                    primary={`${r.partner?.name ?? 'Partenaire inconnu'} — ${r.fu.subject}`}
                    secondary={`${r.fu.urgent ? 'Urgent · ' : ''}à relancer depuis le ${formatDateTime(r.state.due.toISOString())}${next ? ` · contacter ${contactName(next.contact)}` : ''}`}
                  />
                </LinkListItem>
              );
            })}
          </List>
        )}
        {loaded && (
          <Typography variant="body2" sx={{ mt: 1 }}>
            {overdue.length > SHOWN && `et ${overdue.length - SHOWN} autres · `}
            <Link href={href('relances')}>Voir toutes les relances</Link>
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
