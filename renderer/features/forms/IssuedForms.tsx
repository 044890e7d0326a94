/**
 * The partner's issued forms, newest first. « Réimprimer » renders the stored snapshot, not today's records, so
 * the copy is identical to what was sent.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formFileName, formTitles, parseSnapshot, printableFormTypes, type PrintableFormType } from '../../../shared/forms';
import { formatDateTime } from '../../../shared/rules/dates';
import type { IssuedForm } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { liveRowsWhere } from '../../db/store';
import { FormPreview } from './FormPreview';

function titleOf(type: IssuedForm['type']): string {
  if (type === 'fiche-escalade') return "Fiche d'escalade";
  return (printableFormTypes as readonly string[]).includes(type) ? formTitles[type as PrintableFormType] : type;
}

export function IssuedForms({ partnerId, reprint, onReprint }: { partnerId: string; reprint: IssuedForm | null; onReprint: (f: IssuedForm | null) => void }) {
  const { db } = useServices();
  const issued = useLiveQuery(async () => (await liveRowsWhere(db, 'issuedForms', 'partnerId', partnerId)).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)), [db, partnerId]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        Formulaires émis
      </Typography>
      {issued === undefined ? null : issued.length === 0 ? (
        <Typography color="text.secondary">Aucun formulaire émis pour ce partenaire. Chaque formulaire imprimé ou enregistré en PDF apparaîtra ici, et pourra être réimprimé à l'identique.</Typography>
      ) : (
        <Table size="small" aria-label="Formulaires émis">
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              <TableCell>Formulaire</TableCell>
              <TableCell>Personnes</TableCell>
              <TableCell>Émis par</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {issued.map((f) => (
              <TableRow key={f.id}>
                <TableCell>{formatDateTime(f.issuedAt)}</TableCell>
                <TableCell>{titleOf(f.type)}</TableCell>
                <TableCell>{f.people.length > 3 ? `${f.people.slice(0, 3).join(', ')} et ${f.people.length - 3} autre(s)` : f.people.join(', ')}</TableCell>
                <TableCell>{f.issuedBy}</TableCell>
                <TableCell align="right">
                  {/* Other features' documents (fiche d'escalade) are listed here too, but reprinted from their own screen. */}
                  {(printableFormTypes as readonly string[]).includes(f.type) ? (
                    <Button size="small" onClick={() => onReprint(f)} aria-label={`Réimprimer : ${titleOf(f.type)} du ${formatDateTime(f.issuedAt)}`}>
                      Réimprimer
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {reprint && <ReprintDialog issued={reprint} onClose={() => onReprint(null)} />}
    </Paper>
  );
}

function ReprintDialog({ issued, onClose }: { issued: IssuedForm; onClose: () => void }) {
  const parsed = useMemo(() => {
    try {
      return { form: parseSnapshot(issued.snapshot) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [issued.snapshot]);
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="reprint-title">
      <DialogTitle id="reprint-title">
        {titleOf(issued.type)} — émis le {formatDateTime(issued.issuedAt)}
        {issued.issuedBy ? ` par ${issued.issuedBy}` : ''}
      </DialogTitle>
      <DialogContent>
        {'form' in parsed && parsed.form ? (
          <FormPreview
            form={parsed.form}
            fileName={formFileName(parsed.form.type, parsed.form.header.partnerName, parsed.form.header.issuedOn, parsed.form.type === 'designation-administrateur' && parsed.form.replaces === true)}
          />
        ) : (
          <Alert severity="error">{'error' in parsed ? parsed.error : ''}</Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Fermer</Button>
      </DialogActions>
    </Dialog>
  );
}
