import { Box, Chip } from '@mui/material';
import { contactRoleLabels, type Contact } from '../../../shared/domain/contact';
import { isRoleActive } from '../../../shared/rules/requiredRoles';
import { formatDate } from '../../../shared/rules/dates';

/** Current roles filled, ended or future ones outlined with their dates (a person's history stays visible). */
export function RoleChips({ contact, today }: { contact: Pick<Contact, 'roles'>; today: string }) {
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {contact.roles.map((r, i) => {
        const active = isRoleActive(r, today);
        const period = !active ? (r.until && r.until < today ? ` (jusqu'au ${formatDate(r.until)})` : r.from ? ` (à partir du ${formatDate(r.from)})` : '') : '';
        return <Chip key={i} size="small" label={`${contactRoleLabels[r.role]}${period}`} color={active ? 'primary' : 'default'} variant={active ? 'filled' : 'outlined'} />;
      })}
    </Box>
  );
}
