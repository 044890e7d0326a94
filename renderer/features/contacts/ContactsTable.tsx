/**
 * The table of one owner's contacts (a partner's Interlocuteurs tab, a Caf's screen): name with civility and end
 * date, function, current roles, e-mail, phones and « Modifier » (plus the caller's own actions). One layout for both.
 */
import { IconButton, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import type { ReactNode } from 'react';
import type { Contact } from '../../../shared/domain/contact';
import { formatPhone } from '../../../shared/rules/phone';
import { isContactActive } from '../../../shared/rules/requiredRoles';
import { formatDate } from '../../../shared/rules/dates';
import { contactName } from './ContactDialog';
import { RoleChips } from './RoleChips';

export function ContactsTable({
  label,
  contacts,
  today,
  onEdit,
  actions,
}: {
  label: string;
  contacts: readonly Contact[];
  today: string;
  onEdit: (c: Contact) => void;
  /** More buttons after « Modifier » on each row. */
  actions?: (c: Contact) => ReactNode;
}) {
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Nom</TableCell>
            <TableCell>Fonction</TableCell>
            <TableCell>Rôles</TableCell>
            <TableCell>Mél</TableCell>
            <TableCell>Téléphones</TableCell>
            <TableCell align="right">Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {contacts.map((c) => (
            <TableRow key={c.id} sx={{ opacity: isContactActive(c, today) ? 1 : 0.6 }}>
              <TableCell>
                {c.civility ? `${c.civility} ` : ''}
                {contactName(c)}
                {c.activeUntil && (
                  <Typography variant="caption" component="div" color="text.secondary">
                    jusqu'au {formatDate(c.activeUntil)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{c.function}</TableCell>
              <TableCell>
                <RoleChips contact={c} today={today} />
              </TableCell>
              {/* A long address may break anywhere: the row's actions stay on screen at 1366 px. */}
              <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 160 }}>{c.email}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {c.landline && <div>Fixe : {formatPhone(c.landline)}</div>}
                {c.mobile && <div>Mobile : {formatPhone(c.mobile)}</div>}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Tooltip title="Modifier">
                  <IconButton aria-label={`Modifier ${contactName(c)}`} onClick={() => onEdit(c)}>
                    <EditIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                {actions?.(c)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
