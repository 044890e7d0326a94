import { Box, Chip, Typography } from '@mui/material';
import { formatPhone } from '../../../shared/rules/phone';
import { formatDate } from '../../../shared/rules/dates';
import { contactName, contactStatus, type KnownContact } from '../../../shared/rules/escalation';

/** Warning text for a chain entry whose contact is gone or out of office, or null. */
export function contactWarning(known: KnownContact | undefined, today: string): string | null {
  const s = contactStatus(known, today);
  switch (s.kind) {
    case 'deleted':
      return 'Interlocuteur supprimé';
    case 'inactive':
      return `Plus en fonction depuis le ${formatDate(s.since)}`;
    case 'not-yet':
      return `En fonction à partir du ${formatDate(s.from)}`;
    default:
      return null;
  }
}

/** Name, function, current phones and email of a contact, with a warning chip when needed. */
export function ContactLine({ known, today }: { known: KnownContact | undefined; today: string }) {
  const warning = contactWarning(known, today);
  if (!known) {
    return (
      <Box>
        <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
          Interlocuteur inconnu
        </Typography>
        <Chip size="small" color="error" label="Interlocuteur supprimé" sx={{ mt: 0.5 }} />
      </Box>
    );
  }
  const c = known.contact;
  const phones = [c.landline, c.mobile].filter(Boolean).map(formatPhone);
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {contactName(c)}
        {c.function && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' — '}
            {c.function}
          </Typography>
        )}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {phones.length ? `Tél. ${phones.join(' · ')}` : 'Pas de téléphone'}
        {' · '}
        {c.email || 'Pas de mél'}
      </Typography>
      {warning && <Chip size="small" color={known.deleted ? 'error' : 'warning'} label={warning} sx={{ mt: 0.5 }} />}
    </Box>
  );
}
