/**
 * « Campagne de revue inverse »: once a year, ask every partner's principal administrator for the result of the
 * reverse review of habilitations. Choose the partners (those due are proposed), prepare a letter PDF and an
 * e-mail draft (.eml, PDF attached, To the administrator, Cc the suppléant) for each — one .zip, with progress
 * and « Annuler » — then track per partner: sent on, reminded on (a relance with the chain's delays), received on
 * (which records the review as done). Partners that cannot get a letter or a draft are listed apart with what to fix.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { addDays } from 'date-fns';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Link,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import type { ReviewCampaign } from '../../../shared/domain/campaign';
import { campaignFileName, renderMessage } from '../../../shared/campaign/letter';
import { currentConvention } from '../../../shared/forms/build';
import { reverseReviewNextDue } from '../../../shared/rules/convention';
import { formatDate, isoOf, todayIso } from '../../../shared/rules/dates';
import { knownPlaceholders, renderTemplate, templateValues } from '../../../shared/templates';
import { DEFAULT_FOLLOW_UP_TEMPLATE_ID, DEFAULT_REVIEW_TEMPLATE_ID } from '../../../shared/templates/defaults';
import { href } from '../../app/router';
import { useServices } from '../../app/services';
import { DateField } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { ValidationError } from '../../db/store';
import { REVIEW_WINDOW_DAYS } from '../dashboard/dashboardData';
import { createCampaign, markReceived, markReminded, markSent, recordPrepared, requestId } from './actions';
import { letterContexts, useCampaignData } from './data';
import { useOfficeCaf } from '../cafs/officeCaf';
import { buildEml, mailtoLink } from './eml';
import { letterMaker, warmLetterWorkers } from './letters';
import { CancelledError, prepareCampaign, type Prepared } from './prepare';

type Msg = { severity: 'success' | 'info' | 'error' | 'warning'; text: string };

function NewCampaign({ templates, onCreated }: { templates: { id: string; name: string }[]; onCreated: (id: string) => void }) {
  const { store } = useServices();
  const year = new Date().getFullYear();
  const [title, setTitle] = useState(`Revue inverse des habilitations ${year}`);
  const [answerBy, setAnswerBy] = useState<string | undefined | null>(isoOf(addDays(new Date(), 45)));
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? DEFAULT_REVIEW_TEMPLATE_ID);
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="nouvelle-campagne">
      <Typography id="nouvelle-campagne" variant="h6" component="h2" sx={{ fontSize: 17, mb: 1 }}>
        Nouvelle campagne
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField size="small" label="Intitulé" value={title} onChange={(e) => setTitle(e.target.value)} sx={{ minWidth: 340 }} required helperText=" " />
        <DateField id="campagne-date-limite" label="Date limite de réponse" value={answerBy ?? undefined} onChange={setAnswerBy} required />
        <TextField select size="small" label="Modèle de courrier" value={templateId} onChange={(e) => setTemplateId(e.target.value)} sx={{ minWidth: 300 }} helperText=" ">
          {templates.map((t) => (
            <MenuItem key={t.id} value={t.id}>
              {t.name}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="contained"
          onClick={async () => {
            setError(null);
            try {
              if (!answerBy) throw new ValidationError('Date limite attendue au format jj/mm/aaaa.');
              onCreated(await createCampaign(store, { title, year, answerBy, templateId }));
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          Créer la campagne
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Paper>
  );
}

export function CampaignPage() {
  const { store, settings, platform } = useServices();
  const data = useCampaignData();
  const office = useOfficeCaf();
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [cafId, setCafId] = useState('');
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [receiving, setReceiving] = useState<{ id: string; partnerName: string } | null>(null);
  const [receivedOn, setReceivedOn] = useState<string | undefined | null>(todayIso());
  const [receiveError, setReceiveError] = useState<string | null>(null);
  const [message, setMessage] = useState<Msg | null>(null);
  const abort = useRef<AbortController | null>(null);
  const today = todayIso();
  // The letters' workers start with the screen; a failure shows when a letter is asked for.
  useEffect(() => void warmLetterWorkers().catch(() => {}), []);

  const campaign: ReviewCampaign | undefined = data?.campaigns.find((c) => c.id === campaignId) ?? data?.campaigns[0];
  const template = data?.templates.find((t) => t.id === campaign?.templateId) ?? data?.templates.find((t) => t.id === DEFAULT_REVIEW_TEMPLATE_ID);
  const followUpTemplate = data?.templates.find((t) => t.kind === 'relance' && t.id === DEFAULT_FOLLOW_UP_TEMPLATE_ID) ?? data?.templates.find((t) => t.kind === 'relance');

  const partners = useMemo(
    () => (data ? data.partners.filter((p) => p.status === 'actif' && (!cafId || p.cafId === cafId)).sort((a, b) => a.name.localeCompare(b.name, 'fr')) : []),
    [data, cafId],
  );
  const contexts = useMemo(() => (data ? letterContexts(data, partners, settings, today) : new Map()), [data, partners, settings, today]);
  const requests = useMemo(() => new Map((data?.requests ?? []).filter((r) => r.campaignId === campaign?.id).map((r) => [r.partnerId, r])), [data, campaign]);
  const dueOn = useMemo(() => {
    const m = new Map<string, string | undefined>();
    for (const p of partners) m.set(p.id, reverseReviewNextDue(currentConvention(data!.conventions.filter((c) => c.partnerId === p.id), p.id)));
    return m;
  }, [partners, data]);
  const horizon = isoOf(addDays(new Date(), REVIEW_WINDOW_DAYS));
  const isDue = (id: string) => {
    const d = dueOn.get(id);
    return !!d && d <= horizon && !requests.get(id)?.receivedOn;
  };
  const chosen = selected ?? new Set(partners.filter((p) => isDue(p.id) && !requests.get(p.id)?.sentOn).map((p) => p.id));

  if (!data) return <Box aria-busy="true" />;
  if (data.partners.length === 0) return <EmptyState title="Aucun partenaire">La campagne s'adresse aux partenaires enregistrés : créez-en ou importez des données.</EmptyState>;
  const reviewTemplates = data.templates.filter((t) => t.kind === 'revue-inverse');
  if (!campaign || creating) {
    return (
      <>
        {data.campaigns.length === 0 && (
          <Alert severity="info" sx={{ mb: 2 }}>
            Aucune campagne pour l'instant. Une campagne regroupe les demandes de revue inverse d'une année : créez-la, puis choisissez les partenaires.
          </Alert>
        )}
        <NewCampaign
          templates={reviewTemplates}
          onCreated={(id) => {
            setCampaignId(id);
            setCreating(false);
            setSelected(null);
          }}
        />
        {creating && <Button onClick={() => setCreating(false)}>Revenir à la campagne en cours</Button>}
      </>
    );
  }

  const chosenList = partners.filter((p) => chosen.has(p.id));
  const toFix = chosenList.map((p) => ({ p, ctx: contexts.get(p.id)! })).filter(({ ctx }) => ctx.letterProblems.length || ctx.emailProblems.length);
  const counts = { prepared: 0, sent: 0, reminded: 0, received: 0 };
  for (const r of requests.values()) {
    if (r.preparedAt) counts.prepared++;
    if (r.sentOn) counts.sent++;
    if (r.remindedOn) counts.reminded++;
    if (r.receivedOn) counts.received++;
  }
  const sender = { name: contexts.values().next().value?.caf?.name ?? office.caf?.name ?? '', email: '' };
  const senderFor = (pid: string) => {
    const caf = contexts.get(pid)?.caf;
    return { name: caf?.name ?? office.caf?.name ?? '', email: caf?.helpdeskEmail ?? '' };
  };
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const fail = (e: unknown) => setMessage({ severity: 'error', text: e instanceof Error ? e.message : String(e) });

  const prepare = async () => {
    if (!template || chosenList.length === 0) return;
    setMessage(null);
    const ctl = new AbortController();
    abort.current = ctl;
    setProgress({ done: 0, total: chosenList.length });
    try {
      const first = chosenList[0]!.id;
      const result = await prepareCampaign({
        contexts: chosenList.map((p) => contexts.get(p.id)!),
        template,
        campaign,
        sender: senderFor(first),
        agent: settings.userName,
        today,
        makeLetter: letterMaker(),
        signal: ctl.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      setProgress(null);
      if (result.files.length === 0) {
        setMessage({ severity: 'warning', text: "Aucun courrier préparé : aucun des partenaires choisis n'a d'administrateur principal. Voir « À corriger »." });
        return;
      }
      const name = `${campaign.year}_Revue-inverse_${today}.zip`;
      const saved = await platform.saveFile({ suggestedName: name, filters: [{ name: 'Archive ZIP', extensions: ['zip'] }], data: result.zip });
      if (!saved.saved) {
        setMessage({ severity: 'info', text: 'Enregistrement annulé : aucun courrier enregistré, rien de modifié.' });
        return;
      }
      await recordPrepared(store, campaign.id, result.files.map((f) => f.partnerId));
      setPrepared(result);
      setMessage({
        severity: 'success',
        text: `${result.files.length} courrier(s) et ${result.files.filter((f) => f.eml).length} brouillon(s) de mél enregistrés : ${saved.path ?? name}.${result.skipped.length ? ` ${result.skipped.length} partenaire(s) sans courrier (voir « À corriger »).` : ''}`,
      });
    } catch (e) {
      setProgress(null);
      if (e instanceof CancelledError) setMessage({ severity: 'info', text: e.message });
      else fail(e);
    } finally {
      abort.current = null;
    }
  };

  const saveOne = async (pid: string, kind: 'pdf' | 'eml') => {
    const ctx = contexts.get(pid);
    if (!ctx || !template) return;
    try {
      const problems = kind === 'pdf' ? ctx.letterProblems : [...ctx.letterProblems, ...ctx.emailProblems];
      if (problems.length) throw new ValidationError(problems.join(' '));
      const msg = renderMessage(ctx, template, today, { year: campaign.year, answerBy: campaign.answerBy, agent: settings.userName });
      const pdf = await letterMaker()(msg.letter, { title: msg.subject, author: senderFor(pid).name });
      const pdfName = campaignFileName(campaign.year, ctx.partner.name, 'pdf');
      const r =
        kind === 'pdf'
          ? await platform.saveFile({ suggestedName: pdfName, filters: [{ name: 'PDF', extensions: ['pdf'] }], data: pdf })
          : await platform.saveFile({
              suggestedName: campaignFileName(campaign.year, ctx.partner.name, 'eml'),
              filters: [{ name: 'Message (Outlook)', extensions: ['eml'] }],
              data: buildEml({
                from: senderFor(pid),
                to: { name: `${ctx.administrator!.firstName} ${ctx.administrator!.lastName.toUpperCase()}`.trim(), email: ctx.administrator!.email },
                cc: ctx.deputy?.email ? { name: `${ctx.deputy.firstName} ${ctx.deputy.lastName.toUpperCase()}`.trim(), email: ctx.deputy.email } : undefined,
                subject: msg.subject,
                text: msg.emailText,
                attachment: { fileName: pdfName, contentType: 'application/pdf', data: pdf },
              }),
            });
      if (r.saved) {
        await recordPrepared(store, campaign.id, [pid]);
        setMessage({ severity: 'success', text: `Enregistré : ${r.path ?? pdfName}` });
      }
    } catch (e) {
      fail(e);
    }
  };

  const reminderLink = (pid: string): string | null => {
    const ctx = contexts.get(pid);
    const req = requests.get(pid);
    if (!ctx?.administrator?.email || !followUpTemplate || !req?.sentOn) return null;
    const values = templateValues(ctx, today, {
      agent: settings.userName,
      followUp: { subject: campaign.title, sentAt: `${req.sentOn}T12:00:00.000Z`, channel: 'mel' },
    });
    const known = knownPlaceholders('relance');
    try {
      return mailtoLink(ctx.administrator.email, renderTemplate(followUpTemplate.subject, values, known), renderTemplate(followUpTemplate.email, values, known), ctx.deputy?.email);
    } catch {
      return null;
    }
  };

  return (
    <Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField select size="small" label="Campagne" value={campaign.id} onChange={(e) => (setCampaignId(e.target.value), setSelected(null))} sx={{ minWidth: 340 }}>
          {data.campaigns.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.title}
            </MenuItem>
          ))}
        </TextField>
        {data.cafs.length > 1 && (
          <TextField select size="small" label="Caf" value={cafId} onChange={(e) => (setCafId(e.target.value), setSelected(null))} sx={{ minWidth: 260 }}>
            <MenuItem value="">Toutes les Caf</MenuItem>
            {data.cafs.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {c.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Typography variant="body2" data-testid="campagne-resume">
          Réponse attendue avant le {formatDate(campaign.answerBy)} — {counts.prepared} préparée(s), {counts.sent} envoyée(s), {counts.reminded} relancée(s), {counts.received} reçue(s)
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Button onClick={() => setCreating(true)}>Nouvelle campagne</Button>
      </Stack>
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ mb: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button size="small" onClick={() => setSelected(new Set(partners.filter((p) => isDue(p.id)).map((p) => p.id)))}>
          Choisir les partenaires dus
        </Button>
        <Button size="small" onClick={() => setSelected(new Set(partners.map((p) => p.id)))}>
          Tout choisir
        </Button>
        <Button size="small" onClick={() => setSelected(new Set())}>
          Aucun
        </Button>
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2">{chosenList.length} partenaire(s) choisi(s)</Typography>
        <Button variant="contained" disabled={chosenList.length === 0 || !!progress} onClick={() => void prepare()}>
          Préparer les courriers et brouillons ({chosenList.length})
        </Button>
        <Button
          variant="outlined"
          disabled={chosenList.length === 0}
          onClick={async () => {
            try {
              const ids = chosenList.filter((p) => !requests.get(p.id)?.sentOn).map((p) => p.id);
              await markSent(store, campaign, ids);
              setMessage({ severity: 'success', text: `${ids.length} demande(s) marquée(s) envoyée(s) le ${formatDate(today)} ; une relance est ouverte pour chacune.` });
            } catch (e) {
              fail(e);
            }
          }}
        >
          Marquer envoyées ({chosenList.filter((p) => !requests.get(p.id)?.sentOn).length})
        </Button>
      </Stack>
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 440 }}>
        <Table size="small" stickyHeader aria-label="Partenaires de la campagne">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Partenaire</TableCell>
              <TableCell>Revue due le</TableCell>
              <TableCell>Administrateur principal</TableCell>
              <TableCell>Préparée</TableCell>
              <TableCell>Envoyée le</TableCell>
              <TableCell>Relancée le</TableCell>
              <TableCell>Reçue le</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {partners.map((p) => {
              const ctx = contexts.get(p.id)!;
              const req = requests.get(p.id);
              const due = dueOn.get(p.id);
              const link = reminderLink(p.id);
              return (
                <TableRow key={p.id} hover selected={chosen.has(p.id)} data-testid="ligne-campagne">
                  <TableCell padding="checkbox">
                    <Checkbox checked={chosen.has(p.id)} onChange={() => toggle(p.id)} slotProps={{ input: { 'aria-label': `Choisir ${p.name}` } }} />
                  </TableCell>
                  <TableCell>
                    <Link href={href('partenaires', p.id)}>{p.name}</Link>
                  </TableCell>
                  <TableCell>
                    {due ? formatDate(due) : '—'} {due && due < today && !req?.receivedOn ? <Chip size="small" color="error" label="en retard" /> : null}
                  </TableCell>
                  <TableCell>
                    {ctx.administrator ? (
                      <>
                        {ctx.administrator.firstName} {ctx.administrator.lastName}
                        <Typography variant="caption" component="div" color={ctx.emailProblems.length ? 'error' : 'text.secondary'}>
                          {ctx.administrator.email || 'pas de mél'}
                        </Typography>
                      </>
                    ) : (
                      <Typography variant="body2" color="error">
                        aucun
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{req?.preparedAt ? formatDate(isoOf(new Date(req.preparedAt))) : ''}</TableCell>
                  <TableCell>{formatDate(req?.sentOn)}</TableCell>
                  <TableCell>{formatDate(req?.remindedOn)}</TableCell>
                  <TableCell>{formatDate(req?.receivedOn)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => void saveOne(p.id, 'pdf')} disabled={ctx.letterProblems.length > 0} aria-label={`Lettre PDF de ${p.name}`}>
                      Lettre
                    </Button>
                    <Button size="small" onClick={() => void saveOne(p.id, 'eml')} disabled={ctx.letterProblems.length + ctx.emailProblems.length > 0} aria-label={`Brouillon de mél de ${p.name}`}>
                      .eml
                    </Button>
                    {req?.sentOn && !req.receivedOn && (
                      <Button
                        size="small"
                        aria-label={`Relancer ${p.name}`}
                        onClick={async () => {
                          try {
                            await markReminded(store, req.id, data.cafs.find((c) => c.id === p.cafId)?.territory ?? office.territory);
                            setMessage({ severity: 'success', text: `Relance enregistrée pour ${p.name}.` });
                          } catch (e) {
                            fail(e);
                          }
                        }}
                      >
                        Relancer
                      </Button>
                    )}
                    {link && !req?.receivedOn && (
                      <Button size="small" href={link} aria-label={`Mél de relance à ${p.name}`}>
                        Mél
                      </Button>
                    )}
                    {req?.sentOn && !req.receivedOn && (
                      <Button
                        size="small"
                        aria-label={`Marquer reçue ${p.name}`}
                        onClick={() => {
                          setReceivedOn(today);
                          setReceiveError(null);
                          setReceiving({ id: requestId(campaign.id, p.id), partnerName: p.name });
                        }}
                      >
                        Reçue…
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {toFix.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mt: 2, borderColor: 'warning.main' }} component="section" aria-labelledby="a-corriger">
          <Typography id="a-corriger" variant="h6" component="h2" sx={{ fontSize: 17 }}>
            À corriger ({toFix.length})
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            Ces partenaires choisis n'auront pas de courrier (sans administrateur principal, ou un caractère que la police du courrier ne peut pas imprimer) ou pas de brouillon de mél (sans adresse mél valide).
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid="a-corriger">
            {toFix.map(({ p, ctx }) => (
              <li key={p.id}>
                <Link href={href('partenaires', p.id, 'interlocuteurs')}>{p.name}</Link> — {[...ctx.letterProblems, ...ctx.emailProblems.filter((x: string) => !ctx.letterProblems.includes(x))].join(' ')}
              </li>
            ))}
          </Box>
        </Paper>
      )}
      <Dialog open={!!progress} aria-labelledby="progression-titre" maxWidth="sm" fullWidth>
        <DialogTitle id="progression-titre">Préparation des courriers</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {progress?.done ?? 0} / {progress?.total ?? 0} partenaire(s)
          </Typography>
          <LinearProgress variant="determinate" value={progress && progress.total ? (100 * progress.done) / progress.total : 0} aria-label="Progression de la préparation" />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => abort.current?.abort()}>Annuler</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={!!prepared && !progress} onClose={() => setPrepared(null)} aria-labelledby="envoyes-titre" maxWidth="sm" fullWidth>
        <DialogTitle id="envoyes-titre">Les brouillons sont-ils envoyés ?</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            Ouvrez chaque fichier .eml avec Outlook puis envoyez-le. Marquer les {prepared?.files.length ?? 0} demande(s) comme envoyées aujourd'hui ouvre une relance
            pour chacune, qui suivra les délais de la procédure d'escalade du partenaire.
          </Typography>
          {prepared && prepared.letterOnly.length > 0 && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {prepared.letterOnly.length} partenaire(s) ont une lettre mais pas de brouillon (mél manquant) : à envoyer par courrier.
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPrepared(null)}>Plus tard</Button>
          <Button
            variant="contained"
            onClick={async () => {
              try {
                const ids = prepared!.files.map((f) => f.partnerId).filter((id) => !requests.get(id)?.sentOn);
                await markSent(store, campaign, ids);
                setMessage({ severity: 'success', text: `${ids.length} demande(s) marquée(s) envoyée(s) le ${formatDate(today)}.` });
              } catch (e) {
                fail(e);
              }
              setPrepared(null);
            }}
          >
            Marquer envoyées aujourd'hui
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={!!receiving} onClose={() => setReceiving(null)} aria-labelledby="recue-titre" maxWidth="xs" fullWidth>
        <DialogTitle id="recue-titre">Revue inverse reçue — {receiving?.partnerName}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            La revue est enregistrée comme faite à cette date dans la convention (prochaine dans un an) et la relance est close. « Rapprocher la liste
            retournée » ouvre le rapprochement du tableau reçu avec les habilitations enregistrées.
          </Typography>
          <DateField id="date-reception" label="Reçue le" value={receivedOn ?? undefined} onChange={setReceivedOn} error={receiveError} required />
        </DialogContent>
        <DialogActions>
          {receiving && (
            // The returned list is compared with the records in the partner's Convention tab (spreadsheet reconciliation).
            <Button href={href('partenaires', receiving.id.slice(receiving.id.indexOf('~') + 1), 'convention', 'revue')} sx={{ mr: 'auto' }}>
              Rapprocher la liste retournée…
            </Button>
          )}
          <Button onClick={() => setReceiving(null)}>Annuler</Button>
          <Button
            variant="contained"
            onClick={async () => {
              try {
                await markReceived(store, receiving!.id, receivedOn ?? null);
                setMessage({ severity: 'success', text: `Revue inverse de ${receiving!.partnerName} reçue le ${formatDate(receivedOn ?? '')}.` });
                setReceiving(null);
              } catch (e) {
                setReceiveError(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            Enregistrer la réception
          </Button>
        </DialogActions>
      </Dialog>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        Expéditeur des brouillons : {sender.name || 'Caf'} (mél du guichet unique de la Caf du partenaire).
      </Typography>
    </Box>
  );
}
