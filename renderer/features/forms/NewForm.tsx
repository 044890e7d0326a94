/**
 * Choose the form, choose the people, see the preview, print or save; the issued form is recorded, then the
 * follow-up is offered (mark the accesses « suppression demandée », record the administrator change).
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  InputLabel,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import {
  buildAnnexe1,
  buildBulletin,
  buildDemandeHabilitation,
  buildDesignation,
  buildSuppression,
  displayName,
  formFileName,
  formTitles,
  holdsRole,
  parseDay,
  printableFormTypes,
  type DesignationForm,
  type FilledForm,
  type FormSources,
  type PrintableFormType,
  type SuppressionForm,
} from '../../../shared/forms';
import { endReasonLabels, type EndReason } from '../../../shared/domain';
import { dayBefore, formatDate, todayIso } from '../../../shared/rules/dates';
import { useServices } from '../../app/services';
import { recordAdministratorChange, recordIssuedForm, markSuppressionRequested } from './actions';
import { FormPreview, type OutputKind } from './FormPreview';

const DATE_MESSAGE = 'Date attendue au format jj/mm/aaaa.';

type Offer =
  | { kind: 'suppression'; form: SuppressionForm }
  | { kind: 'administrateur'; form: DesignationForm; newAdminId: string; replacedId: string | null };

export function NewForm({ sources, active }: { sources: FormSources; active: boolean }) {
  const { store, settings } = useServices();
  const today = todayIso();
  const partnerId = sources.partner.id;
  const [type, setType] = useState<PrintableFormType | ''>('');

  // Administrator form
  const partnerContacts = useMemo(
    () => sources.contacts.filter((c) => c.partnerId === partnerId).sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr')),
    [sources.contacts, partnerId],
  );
  const currentAdmins = partnerContacts.filter((c) => holdsRole(c, 'administrateur', today));
  const [newAdminId, setNewAdminId] = useState('');
  const [replaces, setReplaces] = useState<'oui' | 'non'>(currentAdmins.length ? 'oui' : 'non');
  const [replacedId, setReplacedId] = useState(currentAdmins[0]?.id ?? '');

  // Suppression / habilitation requests
  const accesses = useMemo(
    () =>
      sources.habilitations
        .filter((h) => h.service === 'CDAP' && h.status === 'active')
        .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr')),
    [sources.habilitations],
  );
  const [picked, setSelected] = useState<string[]>([]);
  // Only the ids still listed count: after « Marquer suppression demandée » the marked accesses leave the list,
  // and a stale id would make the select-all box look checked over unchecked rows.
  const selected = useMemo(() => picked.filter((id) => accesses.some((h) => h.id === id)), [picked, accesses]);
  const [lost, setLost] = useState<string[]>([]);
  const [effectiveText, setEffectiveText] = useState(formatDate(today));

  const [offer, setOffer] = useState<Offer | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const built = useMemo((): { form: FilledForm } | { error: string } | null => {
    try {
      switch (type) {
        case '':
          return null;
        case 'designation-administrateur':
          if (replaces === 'oui' && !replacedId) return { error: "Choisissez l'administrateur remplacé, ou répondez « non »." };
          return { form: buildDesignation(sources, { newAdminContactId: newAdminId, replacedContactId: replaces === 'oui' ? replacedId : null }, today) };
        case 'suppression-cdap': {
          const effectiveOn = effectiveText.trim() === '' ? '' : parseDay(effectiveText);
          if (effectiveOn === null) return { error: DATE_MESSAGE };
          return { form: buildSuppression(sources, { habilitationIds: selected, perteVol: lost.filter((id) => selected.includes(id)), effectiveOn }, today) };
        }
        case 'demande-habilitation':
          return { form: buildDemandeHabilitation(sources, selected, today) };
        case 'annexe1-interlocuteurs':
          return { form: buildAnnexe1(sources, today) };
        case 'bulletin-adhesion':
          return { form: buildBulletin(sources, today) };
      }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [type, sources, newAdminId, replaces, replacedId, selected, lost, effectiveText, today]);

  const chooseType = (t: PrintableFormType) => {
    setType(t);
    setSelected([]);
    setLost([]);
    setNotice(null);
  };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const onOutput = async (form: FilledForm, _kind: OutputKind) => {
    // Same fallback as the store's history lines when no office user name is set.
    await recordIssuedForm(store, partnerId, form, settings.userName || 'Utilisateur', new Date().toISOString());
    setNotice(`Formulaire « ${formTitles[form.type]} » enregistré dans les formulaires émis.`);
    if (form.type === 'suppression-cdap' && form.rows.some((r) => r.habilitationId)) setOffer({ kind: 'suppression', form });
    if (form.type === 'designation-administrateur') setOffer({ kind: 'administrateur', form, newAdminId, replacedId: replaces === 'oui' ? replacedId : null });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        Nouveau formulaire
      </Typography>
      <FormControl sx={{ mb: 2 }}>
        <FormLabel id="form-type-label">Formulaire</FormLabel>
        <RadioGroup aria-labelledby="form-type-label" value={type} onChange={(e) => chooseType(e.target.value as PrintableFormType)}>
          {printableFormTypes.map((t) => (
            <FormControlLabel key={t} value={t} control={<Radio size="small" />} label={formTitles[t]} />
          ))}
        </RadioGroup>
      </FormControl>

      {type === 'designation-administrateur' && (
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2, alignItems: 'center' }}>
          {partnerContacts.length === 0 ? (
            <Alert severity="warning">Ce partenaire n'a aucun interlocuteur : ajoutez d'abord la personne à désigner (onglet Interlocuteurs).</Alert>
          ) : (
            <>
              <FormControl sx={{ minWidth: 280 }} size="small">
                <InputLabel id="new-admin-label">Administrateur à désigner</InputLabel>
                <Select labelId="new-admin-label" label="Administrateur à désigner" value={newAdminId} onChange={(e) => setNewAdminId(e.target.value)}>
                  {partnerContacts.map((c) => (
                    <MenuItem key={c.id} value={c.id}>
                      {displayName(c.firstName, c.lastName)}
                      {c.function ? ` — ${c.function}` : ''}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
              <FormControl>
                <FormLabel id="replaces-label">Remplace un administrateur existant</FormLabel>
                <RadioGroup row aria-labelledby="replaces-label" value={replaces} onChange={(e) => setReplaces(e.target.value as 'oui' | 'non')}>
                  <FormControlLabel value="oui" control={<Radio size="small" />} label="oui" />
                  <FormControlLabel value="non" control={<Radio size="small" />} label="non" />
                </RadioGroup>
              </FormControl>
              {replaces === 'oui' && (
                <FormControl sx={{ minWidth: 280 }} size="small">
                  <InputLabel id="replaced-label">Administrateur remplacé</InputLabel>
                  <Select labelId="replaced-label" label="Administrateur remplacé" value={replacedId} onChange={(e) => setReplacedId(e.target.value)}>
                    {partnerContacts.map((c) => (
                      <MenuItem key={c.id} value={c.id}>
                        {displayName(c.firstName, c.lastName)}
                        {holdsRole(c, 'administrateur', today) ? ' (administrateur actuel)' : ''}
                      </MenuItem>
                    ))}
                  </Select>
                </FormControl>
              )}
            </>
          )}
        </Box>
      )}

      {(type === 'suppression-cdap' || type === 'demande-habilitation') && (
        <Box sx={{ mb: 2 }}>
          {type === 'suppression-cdap' && (
            <TextField
              size="small"
              label="À compter du"
              placeholder="jj/mm/aaaa"
              value={effectiveText}
              onChange={(e) => setEffectiveText(e.target.value)}
              helperText="Laisser vide pour que le partenaire la complète à la main."
              sx={{ mb: 1, width: 260 }}
            />
          )}
          {accesses.length === 0 ? (
            <Alert severity="info">
              Aucun accès CDAP actif pour ce partenaire.{' '}
              {type === 'demande-habilitation' ? 'Enregistrez d’abord les personnes à habiliter (onglet Habilitations).' : 'Il n’y a rien à supprimer.'}
            </Alert>
          ) : (
            <Table size="small" aria-label={type === 'suppression-cdap' ? 'Accès à supprimer' : 'Personnes à habiliter'}>
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox">
                    <Checkbox
                      slotProps={{ input: { 'aria-label': 'Tout choisir' } }}
                      checked={accesses.length > 0 && selected.length === accesses.length}
                      indeterminate={selected.length > 0 && selected.length < accesses.length}
                      onChange={(e) => setSelected(e.target.checked ? accesses.map((h) => h.id) : [])}
                    />
                  </TableCell>
                  <TableCell>Prénom NOM</TableCell>
                  <TableCell>Adresse mél</TableCell>
                  <TableCell>Fonction</TableCell>
                  <TableCell>Profil</TableCell>
                  <TableCell>Début</TableCell>
                  {type === 'suppression-cdap' && <TableCell>Perte ou vol</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {accesses.map((h) => {
                  const name = displayName(h.firstName, h.lastName);
                  return (
                    <TableRow key={h.id} selected={selected.includes(h.id)}>
                      <TableCell padding="checkbox">
                        <Checkbox slotProps={{ input: { 'aria-label': `Choisir ${name}` } }} checked={selected.includes(h.id)} onChange={() => setSelected((s) => toggle(s, h.id))} />
                      </TableCell>
                      <TableCell>{name}</TableCell>
                      <TableCell sx={{ wordBreak: 'break-all' }}>{h.email}</TableCell>
                      <TableCell>{h.function}</TableCell>
                      <TableCell>{h.profile}</TableCell>
                      <TableCell>{formatDate(h.startOn)}</TableCell>
                      {type === 'suppression-cdap' && (
                        <TableCell padding="checkbox">
                          <Checkbox
                            slotProps={{ input: { 'aria-label': `Perte ou vol : ${name}` } }}
                            checked={lost.includes(h.id)}
                            disabled={!selected.includes(h.id)}
                            onChange={() => setLost((s) => toggle(s, h.id))}
                          />
                        </TableCell>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </Box>
      )}

      {notice && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {built && 'error' in built && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="form-choice-error">
          {built.error}
        </Alert>
      )}
      {built && 'form' in built && (
        <FormPreview
          form={built.form}
          fileName={formFileName(built.form.type, sources.partner.name, today, built.form.type === 'designation-administrateur' && built.form.replaces === true)}
          onOutput={(kind) => onOutput(built.form, kind)}
          active={active && offer === null}
        />
      )}
      {type === '' && <Typography color="text.secondary">Choisissez un formulaire : il se remplit avec les données du partenaire, de sa convention et de sa Caf.</Typography>}

      {offer?.kind === 'suppression' && <SuppressionOffer form={offer.form} onClose={() => setOffer(null)} onDone={(n) => setNotice(`${n} accès marqué(s) « suppression demandée ».`)} />}
      {offer?.kind === 'administrateur' && (
        <AdministratorOffer offer={offer} onClose={() => setOffer(null)} onDone={() => setNotice(offer.form.replaces ? 'Remplacement de l’administrateur enregistré.' : 'Désignation de l’administrateur enregistrée.')} />
      )}
    </Paper>
  );
}

function SuppressionOffer({ form, onClose, onDone }: { form: SuppressionForm; onClose: () => void; onDone: (n: number) => void }) {
  const { store } = useServices();
  const [reason, setReason] = useState<EndReason>('depart');
  const [error, setError] = useState<string | null>(null);
  const others = form.rows.some((r) => !r.perteVol);
  const confirm = async () => {
    try {
      const n = await markSuppressionRequested(store, form, reason, todayIso());
      onDone(n);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="offer-suppression-title">
      <DialogTitle id="offer-suppression-title">Marquer ces accès « suppression demandée » ?</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          La demande concerne {form.rows.length} accès, à compter du {formatDate(form.effectiveOn || todayIso())} :
          <ul>
            {form.rows.map((r, i) => (
              <li key={i}>
                {displayName(r.firstName, r.lastName)}
                {r.perteVol ? ' — perte ou vol' : ''}
              </li>
            ))}
          </ul>
        </DialogContentText>
        {others && (
          <FormControl size="small" sx={{ minWidth: 280, mt: 1 }}>
            <InputLabel id="other-reason-label">Motif (accès sans perte ni vol)</InputLabel>
            <Select labelId="other-reason-label" label="Motif (accès sans perte ni vol)" value={reason} onChange={(e) => setReason(e.target.value as EndReason)}>
              <MenuItem value="depart">{endReasonLabels.depart}</MenuItem>
              <MenuItem value="changement-fonction">{endReasonLabels['changement-fonction']}</MenuItem>
            </Select>
          </FormControl>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Plus tard</Button>
        <Button variant="contained" onClick={() => void confirm()}>
          Marquer « suppression demandée »
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function AdministratorOffer({
  offer,
  onClose,
  onDone,
}: {
  offer: Extract<Offer, { kind: 'administrateur' }>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { store } = useServices();
  const [error, setError] = useState<string | null>(null);
  const today = todayIso();
  const f = offer.form;
  const confirm = async () => {
    try {
      await recordAdministratorChange(store, f, offer.newAdminId, offer.replacedId, today);
      onDone();
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="offer-admin-title">
      <DialogTitle id="offer-admin-title">{f.replaces ? 'Enregistrer le remplacement ?' : 'Enregistrer la désignation ?'}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {displayName(f.newAdmin.firstName, f.newAdmin.lastName)} devient administrateur à compter du {formatDate(today)}.
          {f.replaces ? ` Le rôle d'administrateur de ${displayName(f.replaced.firstName, f.replaced.lastName)} prend fin le ${formatDate(dayBefore(today))}, la veille (il reste dans l'historique).` : ''}
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Plus tard</Button>
        <Button variant="contained" onClick={() => void confirm()}>
          {f.replaces ? 'Enregistrer le remplacement' : 'Enregistrer la désignation'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
