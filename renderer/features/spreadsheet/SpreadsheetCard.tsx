import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useEffect, useState } from 'react';
import { navigate, useRoute } from '../../app/router';
import { ExportBaseButton } from './ExportBaseButton';
import { ImportWizard } from './ImportWizard';

/** Route that opens the wizard (menu « Importer un tableur… »). */
export const IMPORT_ROUTE_PARAM = 'tableur';

/** On the Synchronisation page: the doors for spreadsheets (import wizard, whole-base workbook). */
export function SpreadsheetCard() {
  const route = useRoute();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (route.params.includes(IMPORT_ROUTE_PARAM)) setOpen(true);
  }, [route]);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Tableurs (Excel, CSV)
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Importer les registres tenus sous Excel (partenaires et conventions, interlocuteurs, profils autorisés,
          habilitations), avec un aperçu avant tout enregistrement ; ou exporter toute la base en un classeur, une
          feuille par type d'enregistrement, qui se réimporte tel quel.
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => setOpen(true)}>
            Importer un tableur…
          </Button>
          <ExportBaseButton />
        </Stack>
      </CardContent>
      <ImportWizard
        open={open}
        onClose={() => {
          setOpen(false);
          if (route.params.includes(IMPORT_ROUTE_PARAM)) navigate('synchronisation');
        }}
      />
    </Card>
  );
}
