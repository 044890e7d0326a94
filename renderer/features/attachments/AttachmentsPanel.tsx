/**
 * « Documents » of a convention: the signed document kept by « Lire une convention… » and any file joined by
 * hand — name, date, size, SHA-256; « Ouvrir » shows it in the app (PDF pages drawn in the reading worker, images,
 * text), « Télécharger » saves a copy; « Joindre un document… » (25 Mo at most, French message beyond).
 */
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Paper, Table, TableBody, TableCell, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useServices } from '../../app/services';
import { usePlatform } from '../../platform';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { saveFailureText } from '../../components/saveError';
import { formatBytes, type Attachment } from '../../../shared/domain/attachment';
import { formatDate } from '../../../shared/rules/dates';
import { startReadingWorker, Comlink } from '../conventionReading/client';
import { attachDocument, attachmentsOf, blobOf, prepareDocument, removeAttachment } from './actions';

const PREVIEW_PAGES = 30;

export function AttachmentsPanel({ conventionId, partnerId }: { conventionId: string; partnerId: string }) {
  const { db, store } = useServices();
  const platform = usePlatform();
  const rows = useLiveQuery(() => attachmentsOf(db, conventionId), [db, conventionId]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [toRemove, setToRemove] = useState<Attachment | null>(null);

  const join = async () => {
    setError(null);
    setInfo(null);
    const file = await platform.openFile({ filters: [{ name: 'Documents', extensions: ['pdf', 'docx', 'txt', 'md', 'png', 'jpg', 'jpeg', 'tif', 'tiff'] }] });
    if (!file) return;
    try {
      const doc = await prepareDocument(file.name, file.data);
      await attachDocument(store, doc, conventionId, partnerId);
      setInfo(`« ${doc.fileName} » est joint à la convention.`);
    } catch (e) {
      setError(saveFailureText(e));
    }
  };

  const download = async (a: Attachment) => {
    setError(null);
    const bytes = await blobOf(db, a.sha256);
    if (!bytes) return setError(`« ${a.fileName} » n'est pas encore arrivé sur ce poste : il viendra avec un prochain fichier de synchronisation du poste qui l'a joint.`);
    const ext = a.fileName.split('.').pop() ?? '';
    await platform.saveFile({ suggestedName: a.fileName, filters: [{ name: 'Document', extensions: ext ? [ext] : ['*'] }], data: bytes });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="documents-titre">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="subtitle1" component="h2" id="documents-titre" sx={{ flex: 1 }}>
          Documents
        </Typography>
        <Button variant="outlined" onClick={() => void join()}>
          Joindre un document…
        </Button>
      </Box>
      {error && (
        <Alert severity="error" role="alert" sx={{ mb: 1 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {info && (
        <Alert severity="success" sx={{ mb: 1 }} onClose={() => setInfo(null)}>
          {info}
        </Alert>
      )}
      <Table size="small" aria-label="Documents de la convention">
        <TableHead>
          <TableRow>
            <TableCell>Document</TableCell>
            <TableCell>Joint le</TableCell>
            <TableCell>Taille</TableCell>
            <TableCell>Empreinte SHA-256</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows?.length === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography variant="body2" color="text.secondary">
                  Aucun document : « Lire une convention… » garde ici le document lu, ou joignez la convention signée (25 Mo au plus).
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {rows?.map((a) => (
            <TableRow key={a.id} data-testid="document-joint">
              <TableCell>
                {a.fileName}
                {a.origin === 'lecture' && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    lu par « Lire une convention… »
                  </Typography>
                )}
                {!a.held && (
                  <Typography variant="caption" color="warning.main" component="div">
                    pas encore reçu sur ce poste
                  </Typography>
                )}
              </TableCell>
              <TableCell>{formatDate(a.addedOn)}</TableCell>
              <TableCell>{formatBytes(a.size)}</TableCell>
              <TableCell>
                <Tooltip title={a.sha256}>
                  <Box component="code" sx={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="sha256" data-sha256={a.sha256}>
                    {a.sha256.slice(0, 16)}…
                  </Box>
                </Tooltip>
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" disabled={!a.held} onClick={() => setViewing(a)}>
                  Ouvrir
                </Button>
                <Button size="small" disabled={!a.held} onClick={() => void download(a)}>
                  Télécharger
                </Button>
                <IconButton size="small" aria-label={`Retirer ${a.fileName}`} onClick={() => setToRemove(a)}>
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {viewing && <DocumentViewer attachment={viewing} onClose={() => setViewing(null)} onDownload={() => void download(viewing)} />}
      <ConfirmDialog
        open={!!toRemove}
        title="Retirer ce document ?"
        confirmLabel="Retirer"
        onClose={() => setToRemove(null)}
        onConfirm={async () => {
          if (toRemove) await removeAttachment(store, toRemove.id, toRemove.fileName);
          setToRemove(null);
        }}
      >
        « {toRemove?.fileName} » ne sera plus listé avec la convention, sur ce poste et sur les autres après synchronisation. L'historique garde la trace du retrait.
      </ConfirmDialog>
    </Paper>
  );
}

/** The document in the app: PDF pages as images (drawn in the reading worker), an image, or its text. */
function DocumentViewer({ attachment, onClose, onDownload }: { attachment: Attachment; onClose: () => void; onDownload: () => void }) {
  const { db } = useServices();
  const titleId = useId();
  const [pages, setPages] = useState<string[]>([]);
  const [state, setState] = useState<{ text?: string; image?: string; total?: number; error?: string; done?: boolean }>({});

  useEffect(() => {
    const urls: string[] = [];
    const url = (bytes: Uint8Array, type: string) => {
      const u = URL.createObjectURL(new Blob([bytes.slice()], { type }));
      urls.push(u);
      return u;
    };
    const w = startReadingWorker();
    let live = true;
    void (async () => {
      const bytes = await blobOf(db, attachment.sha256);
      if (!bytes) return live && setState({ error: "Ce document n'est pas encore arrivé sur ce poste.", done: true });
      const out = await w.api.preview(bytes.slice(), attachment.fileName, PREVIEW_PAGES, Comlink.proxy((_n: number, png: Uint8Array) => {
        if (live) setPages((p) => [...p, url(png, 'image/png')]);
      }));
      if (!live) return;
      if (out.kind === 'pages') setState({ total: out.total, done: true });
      else if (out.kind === 'text') setState({ text: out.text, done: true });
      else if (out.kind === 'image') setState({ image: url(bytes, attachment.mimeType), done: true });
      else setState({ error: out.message, done: true });
    })().finally(() => w.terminate());
    return () => {
      live = false;
      w.terminate();
      for (const u of urls) URL.revokeObjectURL(u);
    };
  }, [db, attachment]);

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="lg" fullWidth>
      <DialogTitle id={titleId}>{attachment.fileName}</DialogTitle>
      <DialogContent dividers sx={{ bgcolor: 'grey.100', minHeight: 300 }}>
        {!state.done && pages.length === 0 && <Typography role="status">Affichage du document…</Typography>}
        {state.error && <Alert severity="error">{state.error}</Alert>}
        {state.text !== undefined && (
          <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', fontSize: 13, m: 0, bgcolor: 'background.paper', p: 2 }} data-testid="document-texte">
            {state.text}
          </Box>
        )}
        {state.image && <Box component="img" src={state.image} alt={`Document ${attachment.fileName}`} sx={{ maxWidth: '100%', display: 'block', mx: 'auto' }} />}
        {pages.map((u, i) => (
          <Box key={u} component="img" src={u} alt={`Page ${i + 1}`} data-testid="document-page" sx={{ maxWidth: '100%', display: 'block', mx: 'auto', mb: 2, boxShadow: 1, bgcolor: 'white' }} />
        ))}
        {state.total !== undefined && state.total > PREVIEW_PAGES && (
          <Typography variant="body2" color="text.secondary">
            Les {PREVIEW_PAGES} premières pages sur {state.total} sont affichées : téléchargez le document pour le lire en entier.
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Typography variant="caption" color="text.secondary" sx={{ flex: 1, pl: 2 }}>
          {formatBytes(attachment.size)} · SHA-256 {attachment.sha256}
        </Typography>
        <Button onClick={onDownload}>Télécharger</Button>
        <Button onClick={onClose} variant="contained">
          Fermer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
