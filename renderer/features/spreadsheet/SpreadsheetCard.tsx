import { Card, CardContent, Stack, Typography } from '@mui/material';
import { ExportBaseButton } from './ExportBaseButton';

/** On the Synchronisation page: the doors for spreadsheets (import wizard, whole-base workbook). */
export function SpreadsheetCard() {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Tableurs (Excel, CSV)
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Un classeur avec une feuille par type d'enregistrement (partenaires et conventions, interlocuteurs, profils
          autorisés, habilitations), qui se réimporte tel quel.
        </Typography>
        <Stack direction="row" spacing={1}>
          <ExportBaseButton />
        </Stack>
      </CardContent>
    </Card>
  );
}
