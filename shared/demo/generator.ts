/**
 * Synthetic data sets, deterministic from a seed: realistic French names, real communes and postal codes,
 * Luhn-valid SIRETs, valid French (and overseas) phone numbers, every partner kind, conventions, contacts with
 * roles, escalation chains, profile allocations and habilitations that respect them.
 *
 *   typical: 300 partners, 1,800 partner contacts, 9,000 habilitations
 *   stress:  5,000 partners, 30,000 partner contacts, 150,000 habilitations
 * (plus 6 Cafs with 4 contacts each, one convention and one chain per partner, a few follow-ups).
 *
 * `generateChunks` yields the set a few hundred partners at a time so a loader can write and drop each chunk;
 * `generateDataset` collects them.
 */
import type { Allocation, Caf, Contact, ContactRole, Convention, DelayUnit, EscalationChain, FollowUp, Habilitation, HabilitationStatus, Partner, PartnerKind } from '../domain';
import { emptyDataset, type Dataset } from './dataset';
import { cafAreas, femaleFirstNames, lastNames, maleFirstNames, streetNames, streetTypes, type CafArea } from './geography';
import { Random, luhnCheckDigit } from './random';

export type Scale = 'typical' | 'stress';

export interface ScaleSpec {
  partners: number;
  contactsPerPartner: number;
  habilitationsPerPartner: number;
}

export const scales: Record<Scale, ScaleSpec> = {
  typical: { partners: 300, contactsPerPartner: 6, habilitationsPerPartner: 30 },
  stress: { partners: 5_000, contactsPerPartner: 6, habilitationsPerPartner: 30 },
};

export const CAF_CONTACTS_PER_CAF = 4;
export const DEFAULT_SEED = 20_171_003;
/** Dates are drawn relative to this day, not to the clock, so a seed always gives the same set. */
export const REFERENCE_DATE = '2026-11-20';

const kindWeights: readonly (readonly [PartnerKind, number])[] = [
  ['commune', 28],
  ['ccas-cias', 22],
  ['conseil-departemental', 1],
  ['epci', 8],
  ['bailleur-social', 12],
  ['etablissement-sante', 9],
  ['organisme-securite-sociale', 6],
  ['association', 12],
  ['autre', 2],
];

/** CDAP profiles each kind of partner typically holds (domain.md catalogue). */
const profilesByKind: Record<PartnerKind, readonly string[]> = {
  commune: ['T1', 'T2'],
  'ccas-cias': ['T1', 'T2'],
  'conseil-departemental': ['T1', 'T4', 'T5', 'T18', 'T19'],
  epci: ['T1', 'T2'],
  'bailleur-social': ['T10'],
  'etablissement-sante': ['T1'],
  'organisme-securite-sociale': ['T6', 'T8', 'T14', 'T20'],
  association: ['T1', 'T2', 'T9'],
  autre: ['T9', 'T11', 'T12', 'T13', 'T15', 'T16', 'T21', 'T22'],
};

/** First two SIREN digits by legal category (21 communes, 22 départements, 20/24 EPCI, 26 établissements publics…). */
const sirenPrefix: Record<PartnerKind, readonly string[]> = {
  commune: ['21'],
  'ccas-cias': ['26'],
  'conseil-departemental': ['22'],
  epci: ['20', '24'],
  'bailleur-social': ['27', '57', '39'],
  'etablissement-sante': ['26'],
  'organisme-securite-sociale': ['77', '78'],
  association: ['77', '78', '79', '30', '40', '50'],
  autre: ['18', '13', '44'],
};

const functionsByKind: Record<PartnerKind, readonly string[]> = {
  commune: ['Directeur général des services', "Responsable du pôle famille", 'Assistante sociale', 'Agent de facturation', 'Responsable régie petite enfance'],
  'ccas-cias': ['Directrice du CCAS', 'Assistante sociale', 'Conseillère en économie sociale et familiale', 'Agent d’accueil social', 'Travailleur social'],
  'conseil-departemental': ['Chargé de suivi RSA', 'Référent insertion', 'Contrôleur RSA', 'Assistante sociale de secteur', 'Instructeur RSA'],
  epci: ['Responsable service petite enfance', 'Chargée de mission cohésion sociale', 'Agent de facturation'],
  'bailleur-social': ['Chargée de recouvrement', 'Conseillère sociale', 'Gestionnaire locatif', 'Responsable contentieux'],
  'etablissement-sante': ['Assistante sociale hospitalière', 'Cadre socio-éducatif', 'Assistant de service social'],
  'organisme-securite-sociale': ['Technicien conseil', 'Gestionnaire de prestations', 'Conseiller service usagers'],
  association: ['Mandataire judiciaire', 'Travailleur social', 'Délégué aux prestations familiales', 'Coordinatrice'],
  autre: ['Chargé de mission', 'Gestionnaire', 'Instructeur', 'Agent administratif'],
};

const roleFunctions: Partial<Record<ContactRole, string>> = {
  'responsable-securite': 'Responsable de la sécurité des systèmes d’information',
  'referent-informatique-libertes': 'Délégué à la protection des données',
  'responsable-informatique': 'Responsable informatique',
  'interlocuteur-urgence': 'Responsable du service',
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function randomDate(r: Random, fromYear: number, toIso: string): string {
  const to = Date.parse(`${toIso}T00:00:00Z`);
  const from = Date.UTC(fromYear, 0, 1);
  const t = from + Math.floor(r.next() * (to - from));
  return new Date(t).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function phone(r: Random, spec: { prefixes: readonly string[]; rest: number }): string {
  return r.pick(spec.prefixes) + r.digits(spec.rest);
}

/** A Luhn-valid SIRET whose SIREN starts with the legal-category prefix (never La Poste's 356000000). */
export function makeSiret(r: Random, prefix: string): string {
  const siren8 = prefix + r.digits(8 - prefix.length);
  const siren = siren8 + luhnCheckDigit(siren8);
  const nic4 = r.digits(4);
  const body = siren + nic4;
  return body + luhnCheckDigit(body);
}

interface Person {
  civility: 'Madame' | 'Monsieur';
  firstName: string;
  lastName: string;
}

function person(r: Random): Person {
  const female = r.chance(0.58);
  return {
    civility: female ? 'Madame' : 'Monsieur',
    firstName: r.pick(female ? femaleFirstNames : maleFirstNames),
    lastName: r.pick(lastNames),
  };
}

function emailOf(p: { firstName: string; lastName: string }, domain: string, suffix = ''): string {
  return `${slug(p.firstName).replace(/-/g, '')}.${slug(p.lastName)}${suffix}@${domain}`;
}

function partnerName(r: Random, kind: PartnerKind, commune: string, area: CafArea): { name: string; title: string; domain: string } {
  const c = commune;
  const de = /^[AEIOUYÉÈÊ]/i.test(c) ? `d'${c}` : /^Le /.test(c) ? `du ${c.slice(3)}` : /^Les /.test(c) ? `des ${c.slice(4)}` : `de ${c}`;
  switch (kind) {
    case 'commune':
      return { name: r.chance(0.5) ? `Mairie ${de}` : `Ville ${de}`, title: 'le Maire', domain: `ville-${slug(c)}.fr` };
    case 'ccas-cias':
      return r.chance(0.8)
        ? { name: `CCAS ${de}`, title: 'le Président', domain: `ccas-${slug(c)}.fr` }
        : { name: `CIAS du Pays ${de}`, title: 'le Président', domain: `cias-${slug(c)}.fr` };
    case 'conseil-departemental':
      return { name: `Conseil départemental ${area.of.replace(/^de la /, 'de la ')}`, title: 'le Président', domain: `${slug(area.departmentName)}.fr` };
    case 'epci':
      return r.chance(0.5)
        ? { name: `Communauté d'agglomération ${de}`, title: 'le Président', domain: `agglo-${slug(c)}.fr` }
        : { name: `Communauté de communes du Pays ${de}`, title: 'le Président', domain: `cc-${slug(c)}.fr` };
    case 'bailleur-social':
      return r.pick([
        { name: `${c} Habitat`, title: 'le Directeur général', domain: `${slug(c)}-habitat.fr` },
        { name: `OPH ${de}`, title: 'le Directeur général', domain: `oph-${slug(c)}.fr` },
        { name: `Société immobilière ${area.of}`, title: 'le Directeur général', domain: `si-${slug(area.departmentName)}.fr` },
      ]);
    case 'etablissement-sante':
      return r.chance(0.7)
        ? { name: `Centre hospitalier ${de}`, title: 'le Directeur', domain: `ch-${slug(c)}.fr` }
        : { name: `Clinique ${r.pick(['Saint-Joseph', 'des Tilleuls', 'Pasteur', 'du Parc', 'Sainte-Anne'])} ${de}`, title: 'le Directeur', domain: `clinique-${slug(c)}.fr` };
    case 'organisme-securite-sociale':
      return r.pick([
        { name: `CPAM ${area.of}`, title: 'le Directeur', domain: `assurance-maladie.fr` },
        { name: `MSA ${area.departmentName}`, title: 'le Directeur général', domain: `msa.fr` },
        { name: `Carsat — agence ${de}`, title: 'le Directeur', domain: `carsat.fr` },
      ]);
    case 'association':
      return r.pick([
        { name: `UDAF ${area.of}`, title: 'le Président', domain: `udaf${area.department}.fr` },
        { name: `Association d'aide aux familles ${de}`, title: 'la Présidente', domain: `aaf-${slug(c)}.fr` },
        { name: `Centre social ${r.pick(['Les Alizés', 'Le Trait d’union', 'La Passerelle', 'Arc-en-ciel'])} ${de}`, title: 'le Président', domain: `cs-${slug(c)}.fr` },
        { name: `Association tutélaire ${area.of}`, title: 'le Président', domain: `at-${slug(area.departmentName)}.fr` },
      ]);
    default:
      return r.pick([
        { name: `Mission locale ${de}`, title: 'le Président', domain: `ml-${slug(c)}.fr` },
        { name: `Commission de surendettement ${area.of}`, title: 'le Secrétaire', domain: `banque-france.fr` },
        { name: `Crous — antenne ${de}`, title: 'le Directeur', domain: `crous.fr` },
      ]);
  }
}

function conventionNumber(r: Random, seq: number, year: number): string {
  switch (r.int(0, 3)) {
    case 0:
      return `${seq}/${year}`;
    case 1:
      return String(seq);
    case 2:
      return `${year}-${r.digits(3)} ${r.digits(3)} ${r.digits(3)}`;
    default:
      return `CDAP-${year}-${pad(seq, 3)}`;
  }
}

/** The Cafs of the synthetic set and their own contacts (Caf side of Annexe 1). */
function generateCafs(seed: number): { cafs: Caf[]; contacts: Contact[] } {
  const cafs: Caf[] = [];
  const contacts: Contact[] = [];
  cafAreas.forEach((area, i) => {
    const r = Random.forItem(seed, i, 1);
    const id = `gen-caf-${area.key}`;
    const director = person(r);
    cafs.push({
      id,
      name: `Caisse d'Allocations familiales ${area.of}`,
      address: { line1: area.cafStreet, line2: '', postalCode: area.cafPostalCode, city: area.cafCity },
      territory: area.territory,
      director: `${director.civility === 'Madame' ? 'Mme' : 'M.'} ${director.firstName} ${director.lastName}`,
      helpdeskEmail: `mon-compte-partenaire.${area.mailSlug}@caf.cnafmail.fr`,
      helpdeskPhone: phone(r, area.landline),
    });
    const roles: ContactRole[][] = [['administrateur', 'responsable-mcp'], ['administrateur-suppleant'], ['responsable-securite', 'responsable-informatique'], ['referent-informatique-libertes']];
    roles.forEach((rs, k) => {
      const p = person(r);
      contacts.push({
        id: `gen-caf-${area.key}-contact-${k + 1}`,
        cafId: id,
        civility: p.civility,
        firstName: p.firstName,
        lastName: p.lastName,
        function: k === 0 ? 'Responsable Mon Compte Partenaire' : k === 1 ? 'Administrateur' : (roleFunctions[rs[0]!] ?? ''),
        email: emailOf(p, `${area.mailSlug}.cnafmail.fr`),
        landline: phone(r, area.landline),
        mobile: '',
        roles: rs.map((role) => ({ role })),
        notes: '',
      });
    });
  });
  return { cafs, contacts };
}

/** One partner and everything that hangs from it, from its own random stream. */
function generatePartner(seed: number, index: number, spec: ScaleSpec, usedNames: Map<string, number>, out: Dataset): void {
  const r = Random.forItem(seed, index, 2);
  const area = cafAreas[index % cafAreas.length]!;
  const cafId = `gen-caf-${area.key}`;
  const kind = r.weighted(kindWeights);
  const [commune, postalCode] = r.pick(area.communes);
  const named = partnerName(r, kind, commune, area);
  const seen = usedNames.get(named.name) ?? 0;
  usedNames.set(named.name, seen + 1);
  // Real offices do have several sites of one organisation under separate conventions.
  const name = seen === 0 ? named.name : `${named.name} — site ${seen + 1}`;
  const id = `gen-p${pad(index, 5)}`;
  const rep = person(r);
  const archived = r.chance(0.03);
  const partner: Partner = {
    id,
    cafId,
    name,
    kind,
    // Communes and départements carry their département number after the category, as real SIRENs do.
    siret: makeSiret(r, r.pick(sirenPrefix[kind]) + (kind === 'commune' || kind === 'conseil-departemental' ? area.department.slice(0, 2) : '')),
    address: {
      line1: `${r.int(1, 180)} ${r.pick(streetTypes)} ${r.pick(streetNames)}`,
      line2: r.chance(0.2) ? `BP ${r.int(10, 999)}` : '',
      postalCode,
      city: commune,
    },
    representative: { civility: rep.civility, firstName: rep.firstName, lastName: rep.lastName, title: named.title },
    status: archived ? 'archive' : 'actif',
    notes: '',
  };
  out.partners.push(partner);

  // Convention.
  const signedOn = randomDate(r, 2017, '2026-06-30');
  const year = Number(signedOn.slice(0, 4));
  const managementMode = r.chance(0.7) ? 'delegue' : 'centralise';
  const terminated = r.chance(0.04);
  const convention: Convention = {
    id: `${id}-convention`,
    partnerId: id,
    number: conventionNumber(r, index + 1, year),
    signedOn,
    effectiveOn: signedOn,
    tacitRenewal: true,
    managementMode,
    missions: `Accompagnement social des publics suivis par ${name} ; calcul des participations financières des familles.`,
    amendments: r.chance(0.1) ? [{ date: addDays(signedOn, r.int(200, 900)), object: 'Ajout du profil T2 au bulletin d’adhésion' }] : [],
    services: [{ code: 'CDAP', availableOn: addDays(signedOn, r.int(0, 60)) }, ...(r.chance(0.15) ? [{ code: 'AFAS', availableOn: addDays(signedOn, r.int(30, 400)) }] : [])],
  };
  if (terminated) {
    const requested = randomDate(r, 2025, REFERENCE_DATE);
    convention.terminationRequestedOn = requested;
    convention.terminationEffectiveOn = addDays(requested, 92 + r.int(0, 60));
  }
  if (managementMode === 'delegue') {
    const last = randomDate(r, 2024, REFERENCE_DATE);
    convention.reverseReviewLastDone = last;
    convention.reverseReviewNextDue = addDays(last, 365);
  }
  out.conventions.push(convention);

  // Contacts: the Annexe 1 roles, the signatory, and one more (urgent contact / IT / delegated manager).
  const contactIds: string[] = [];
  const roleSets: ContactRole[][] = [
    ['administrateur'],
    ['administrateur-suppleant'],
    ['responsable-securite'],
    ['referent-informatique-libertes'],
    ['signataire'],
    [r.pick(['interlocuteur-urgence', 'responsable-informatique', 'gestionnaire-delegue', 'responsable-mcp'] as const)],
  ];
  for (let k = 0; k < spec.contactsPerPartner; k++) {
    const roles = roleSets[k % roleSets.length]!;
    const signatory = roles[0] === 'signataire';
    const p = signatory ? rep : person(r);
    const cid = `${id}-c${k + 1}`;
    contactIds.push(cid);
    const left = !signatory && k >= 4 && r.chance(0.08);
    const from = randomDate(r, 2017, '2025-12-31');
    const until = left ? addDays(from, r.int(120, 1500)) : undefined;
    const c: Contact = {
      id: cid,
      partnerId: id,
      civility: p.civility,
      firstName: p.firstName,
      lastName: p.lastName,
      function: signatory ? named.title.replace(/^l[ea] /, '').replace(/^./, (x) => x.toUpperCase()) : (roleFunctions[roles[0]!] ?? r.pick(functionsByKind[kind])),
      email: signatory ? '' : emailOf(p, named.domain, k > 0 && r.chance(0.05) ? String(k) : ''),
      landline: phone(r, area.landline),
      mobile: r.chance(0.45) ? phone(r, area.mobile) : '',
      roles: roles.map((role) => (until ? { role, from, until } : { role, from })),
      activeFrom: from,
      notes: '',
    };
    if (until) c.activeUntil = until;
    out.contacts.push(c);
  }

  // Escalation chain: « 48 heures », « 7 jours ouvrés », « 10 jours », as in the conventions.
  const delay = r.weighted<[number, DelayUnit]>([
    [[48, 'hours'], 4],
    [[7, 'working-days'], 4],
    [[10, 'calendar-days'], 2],
    [[2, 'working-days'], 1],
  ]);
  const cafContact = (k: number) => `gen-caf-${area.key}-contact-${k}`;
  const chain: EscalationChain = {
    id,
    partnerId: id,
    delayValue: delay[0],
    delayUnit: delay[1],
    serviceOpens: r.chance(0.8) ? '08:00' : '09:00',
    serviceCloses: '16:00',
    cafSide: [{ contactId: cafContact(1) }, { contactId: cafContact(3) }],
    partnerSide: contactIds.length >= 3 ? [{ contactId: contactIds[0]! }, { contactId: contactIds[2]! }] : contactIds.map((contactId) => ({ contactId })),
  };
  out.chains.push(chain);

  // Profiles and habilitations: quotas are never exceeded by active (or pending) habilitations.
  const candidates = profilesByKind[kind];
  const nProfiles = Math.min(candidates.length, r.int(1, 3));
  const chosen: string[] = [];
  while (chosen.length < nProfiles) {
    const p = r.pick(candidates);
    if (!chosen.includes(p)) chosen.push(p);
  }
  const holding = new Map<string, number>(chosen.map((p) => [p, 0]));
  for (let k = 0; k < spec.habilitationsPerPartner; k++) {
    const profile = chosen[k % chosen.length]!;
    const status: HabilitationStatus = r.weighted<HabilitationStatus>([
      ['active', 78],
      ['suppression-demandee', 4],
      ['supprimee', 18],
    ]);
    const p = person(r);
    const startOn = randomDate(r, 2017, REFERENCE_DATE);
    const h: Habilitation = {
      id: `${id}-h${k + 1}`,
      partnerId: id,
      service: 'CDAP',
      profile,
      firstName: p.firstName,
      lastName: p.lastName,
      email: emailOf(p, named.domain, k > 0 && r.chance(0.03) ? String(k) : ''),
      function: r.pick(functionsByKind[kind]),
      startOn,
      status,
    };
    if (profile === 'T4') h.instructorNumber = `${area.department}${r.digits(6 - Math.min(3, area.department.length))}`;
    if (status !== 'active') {
      h.endOn = status === 'supprimee' ? addDays(startOn, r.int(60, 2000)) : addDays(REFERENCE_DATE, r.int(1, 30));
      h.endReason = r.weighted([
        ['depart', 6],
        ['changement-fonction', 3],
        ['perte-vol', 1],
      ] as const);
    }
    if (status !== 'supprimee') holding.set(profile, (holding.get(profile) ?? 0) + 1);
    out.habilitations.push(h);
  }
  for (const profile of chosen) {
    const held = holding.get(profile) ?? 0;
    const a: Allocation = {
      id: `${id}-a-${profile.toLowerCase()}`,
      partnerId: id,
      service: 'CDAP',
      profile,
      // A quarter of partners are exactly at their quota, which is what the office watches for.
      maxUsers: r.chance(0.25) ? held : held + r.int(1, 10),
    };
    out.allocations.push(a);
  }

  // A few follow-ups, some past their chain's delay.
  if (r.chance(0.3)) {
    const sent = Date.parse(`${REFERENCE_DATE}T09:00:00Z`) - r.int(1, 40) * 86_400_000 - r.int(0, 8) * 3_600_000;
    const closed = r.chance(0.5);
    const f: FollowUp = {
      id: `${id}-f1`,
      partnerId: id,
      subject: r.pick([
        'Demande de création de comptes CDAP',
        'Revue inverse annuelle des habilitations à transmettre',
        "Désignation d'un nouvel administrateur",
        'Incident de connexion signalé',
        'Demande de suppression d’accès à confirmer',
      ]),
      direction: r.chance(0.6) ? 'vers-partenaire' : 'vers-caf',
      channel: r.pick(['mel', 'telephone', 'courrier', 'portail'] as const),
      sentAt: new Date(sent).toISOString(),
      urgent: r.chance(0.1),
      steps: [],
      status: closed ? 'close' : 'ouverte',
      notes: '',
    };
    if (closed) f.closedAt = new Date(sent + r.int(1, 10) * 86_400_000).toISOString();
    out.followUps.push(f);
  }
}

/** Yields the data set in chunks of `partnersPerChunk` partners (the first chunk also holds the Cafs). */
export function* generateChunks(scale: Scale, seed = DEFAULT_SEED, partnersPerChunk = 250): Generator<Dataset> {
  const spec = scales[scale];
  const usedNames = new Map<string, number>();
  const first = emptyDataset();
  const { cafs, contacts } = generateCafs(seed);
  first.cafs.push(...cafs);
  first.contacts.push(...contacts);
  let chunk = first;
  for (let i = 0; i < spec.partners; i++) {
    generatePartner(seed, i, spec, usedNames, chunk);
    if ((i + 1) % partnersPerChunk === 0 || i === spec.partners - 1) {
      yield chunk;
      chunk = emptyDataset();
    }
  }
}

/** The whole data set in memory (stress: ~220,000 records). */
export function generateDataset(scale: Scale, seed = DEFAULT_SEED): Dataset {
  const all = emptyDataset();
  for (const chunk of generateChunks(scale, seed, 1_000)) {
    for (const k of Object.keys(all) as (keyof Dataset)[]) {
      const target = all[k] as unknown[];
      for (const row of chunk[k]) target.push(row);
    }
  }
  return all;
}
