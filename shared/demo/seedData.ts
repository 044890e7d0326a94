/**
 * Demo data set taken from the three public conventions in /work/shared/seeds (OCR text):
 *  - Ville de Saint-Denis / Caf de La Réunion (convention 112/2017, contrat de service « mode gestion
 *    centralisée », escalation after « 7 jours ouvrés », bulletin CDAP T1 2 · T2 5);
 *  - Conseil départemental du Haut-Rhin / Caf du Haut-Rhin (convention 1/2017, « mode gestion déléguée »,
 *    escalation after « 48 heures », bulletin CDAP T1 285 · T5 100 · T19 15; T2, T4, T18 « / »);
 *  - the Caf de Seine-Maritime of the blank convention template (Caf side only).
 *
 * Names, functions, e-mails and phones are as written in the seeds' Annexe 1 and article 3.3 tables; phones
 * are stored in E.164. What is NOT in the seeds and was added so screens are not empty is marked
 * « illustratif » below: the habilitations (fictional people), the follow-ups, and one partner of the
 * Seine-Maritime template, whose convention is blank (its « 10 jours » chain shows the calendar-day unit that
 * domain.md mentions; no seed here carries that delay).
 *
 * Data checks made on the seeds:
 *  - Saint-Denis SIRET « 21930066200018 » passes Luhn, but its SIREN 219300662 is that of a commune of
 *    Seine-Saint-Denis (93), while the prefecture stamps of the same document carry SIREN 219740115
 *    (Saint-Denis, La Réunion). Kept as written in the convention, flagged in the partner's notes.
 *  - Haut-Rhin SIRET « 226 800 019 00227 » passes Luhn.
 *  - Réunion: Céline RAFOUGILET's e-mail is « marie-celine.rafougilet@… » in Annexe 1 and
 *    « celine.rafougilet@… » in article 3.3: Annexe 1 kept, the other noted.
 *  - Haut-Rhin: Annexe 1 lists two « Administrateur » on each side; the first is recorded as principal, the
 *    second as suppléant (the contrat de service names a principal and a suppléant).
 */
import type { Allocation, Caf, Contact, Convention, EscalationChain, FollowUp, Habilitation, Partner } from '../domain';
import type { Dataset } from './dataset';

export type { Dataset } from './dataset';

// ---- Ids (stable: other features and tests refer to them) ----
export const DEMO_IDS = {
  cafReunion: 'demo-caf-reunion',
  cafHautRhin: 'demo-caf-haut-rhin',
  cafSeineMaritime: 'demo-caf-seine-maritime',
  partnerSaintDenis: 'demo-partner-saint-denis',
  partnerHautRhin: 'demo-partner-cd68',
  partnerModele76: 'demo-partner-modele-76',
} as const;

function contact(c: Partial<Contact> & Pick<Contact, 'id' | 'lastName'>): Contact {
  return { firstName: '', function: '', email: '', landline: '', mobile: '', roles: [], notes: '', ...c };
}

// ---- Cafs ----
const cafs: Caf[] = [
  {
    id: DEMO_IDS.cafReunion,
    name: "Caisse d'Allocations Familiales de la Réunion",
    address: { line1: '412 Fleur de Jade', line2: 'CS 61038', postalCode: '97833', city: 'Sainte-Marie Cedex' },
    territory: 'reunion',
    director: 'M. Jean-Charles SLAMA',
    helpdeskEmail: 'mon-compte-partenaire.cafreunion@caf.cnafmail.fr',
    helpdeskPhone: '+262262486211',
  },
  {
    id: DEMO_IDS.cafHautRhin,
    name: "Caisse d'Allocations familiales du Haut-Rhin",
    address: { line1: '26, avenue Robert Schuman', line2: '', postalCode: '68084', city: 'Mulhouse Cedex' },
    territory: 'alsace-moselle',
    director: 'M. Jean-Jacques PION',
    helpdeskEmail: 'portail-partenaires.cafmulhouse@caf.cnafmail.fr',
    helpdeskPhone: '+33368479889',
  },
  {
    id: DEMO_IDS.cafSeineMaritime,
    name: "Caisse d'Allocations familiales de Seine-Maritime",
    address: { line1: '65 avenue Jean Rondeaux', line2: 'CS 86017', postalCode: '76017', city: 'Rouen Cedex' },
    territory: 'metropole',
    director: 'M. Olivier COUTURE',
    helpdeskEmail: '',
    helpdeskPhone: '',
  },
];

// ---- Partners ----
const partners: Partner[] = [
  {
    id: DEMO_IDS.partnerSaintDenis,
    cafId: DEMO_IDS.cafReunion,
    name: 'Mairie de Saint-Denis',
    kind: 'commune',
    siret: '21930066200018',
    address: { line1: '2 rue de Paris', line2: 'Hôtel de Ville', postalCode: '97717', city: 'Saint-Denis Messag Cedex 9' },
    representative: { civility: 'Monsieur', firstName: 'Gilbert', lastName: 'ANNETTE', title: 'le Maire' },
    status: 'actif',
    notes:
      'SIRET recopié de la convention 112/2017 ; il passe le contrôle de Luhn mais son SIREN (219300662) ne correspond pas à celui des tampons préfectoraux du même document (219740115) : à vérifier auprès du partenaire.',
  },
  {
    id: DEMO_IDS.partnerHautRhin,
    cafId: DEMO_IDS.cafHautRhin,
    name: 'Conseil départemental du Haut-Rhin',
    kind: 'conseil-departemental',
    siret: '22680001900227',
    address: { line1: "100, avenue d'Alsace", line2: '', postalCode: '68000', city: 'Colmar' },
    representative: { civility: 'Monsieur', firstName: 'Eric', lastName: 'STRAUMANN', title: 'le Président' },
    status: 'actif',
    notes: '',
  },
  {
    id: DEMO_IDS.partnerModele76,
    cafId: DEMO_IDS.cafSeineMaritime,
    name: 'Partenaire du modèle de convention (exemple)',
    kind: 'autre',
    siret: '',
    address: { line1: '', line2: '', postalCode: '', city: '' },
    representative: { firstName: '', lastName: '', title: '' },
    status: 'actif',
    notes:
      "Illustratif : le modèle de convention de la Caf de Seine-Maritime est vierge côté partenaire (numéro, nom, SIRET, missions à compléter).",
  },
];

// ---- Conventions ----
const conventions: Convention[] = [
  {
    id: 'demo-convention-saint-denis',
    partnerId: DEMO_IDS.partnerSaintDenis,
    number: '112/2017',
    // « Date de signature : 03/10/2017 » on the convention; the contrat de service is dated « 05 MAI 2017 ».
    signedOn: '2017-10-03',
    effectiveOn: '2017-10-03',
    tacitRenewal: true,
    managementMode: 'centralise',
    missions:
      "- réaliser l'accompagnement social des publics fragiles pris en charge par les travailleurs sociaux de la Mairie de Saint-Denis\n- calculer la participation financière des familles dans le cadre des crédits d'action sociale versées par la CAF de la Réunion à la Mairie de Saint-Denis.",
    amendments: [],
    // Annexe 2: CDAP, « Mai 2017 ».
    services: [{ code: 'CDAP', availableOn: '2017-05-01' }],
  },
  {
    id: 'demo-convention-cd68',
    partnerId: DEMO_IDS.partnerHautRhin,
    number: '1/2017',
    // « Fait à Colmar, en deux exemplaires, le ___/___/___ »: no signature date in the seed.
    tacitRenewal: true,
    managementMode: 'delegue',
    missions:
      "Le Département a en charge l'intégralité de l'action sociale à tous les âges de la vie et dans les situations difficiles ; il accompagne les personnes âgées et handicapées, les enfants et leurs familles, ainsi que les personnes en situation d'insertion, notamment bénéficiaires du revenu de Solidarité active.",
    amendments: [],
    services: [{ code: 'CDAP', availableOn: '2017-07-01' }],
  },
  {
    id: 'demo-convention-modele-76',
    partnerId: DEMO_IDS.partnerModele76,
    number: '',
    tacitRenewal: true,
    managementMode: 'delegue',
    missions: '',
    amendments: [],
    services: [],
  },
];

// ---- Contacts: Caf side ----
const R = 'demo-contact-reunion-';
const H = 'demo-contact-haut-rhin-';
const S = 'demo-contact-seine-maritime-';
const P = 'demo-contact-saint-denis-';
const D = 'demo-contact-cd68-';

const contacts: Contact[] = [
  // Caf de La Réunion — Annexe 1 « Les interlocuteurs à la Caf ».
  contact({ id: `${R}mouret`, cafId: DEMO_IDS.cafReunion, civility: 'Monsieur', firstName: 'Michel', lastName: 'MOURET', function: 'Administrateur', email: 'michel.mouret@cafreunion.cnafmail.fr', landline: '+262262486211', roles: [{ role: 'administrateur' }] }),
  contact({ id: `${R}veloupoule`, cafId: DEMO_IDS.cafReunion, firstName: 'Yannick', lastName: 'VELOUPOULE', function: 'Administrateur', email: 'yannick.veloupoule@cafreunion.cnafmail.fr', landline: '+262262486556', roles: [{ role: 'administrateur-suppleant' }] }),
  contact({ id: `${R}dreux`, cafId: DEMO_IDS.cafReunion, civility: 'Madame', firstName: 'Kareen', lastName: 'DREUX', function: 'Responsable Mon Compte Partenaire', email: 'kareen.dreux@cafreunion.cnafmail.fr', landline: '+262262483428', roles: [{ role: 'responsable-mcp' }] }),
  contact({
    id: `${R}rafougilet`,
    cafId: DEMO_IDS.cafReunion,
    civility: 'Madame',
    firstName: 'Céline',
    lastName: 'RAFOUGILET',
    function: 'Responsable Informatique',
    email: 'marie-celine.rafougilet@cafreunion.cnafmail.fr',
    landline: '+262262486284',
    roles: [{ role: 'responsable-securite' }, { role: 'responsable-informatique' }],
    notes: "Adresse écrite « celine.rafougilet@cafreunion.cnafmail.fr » à l'article 3.3 du contrat de service.",
  }),
  contact({ id: `${R}pause`, cafId: DEMO_IDS.cafReunion, civility: 'Madame', firstName: 'Liliane', lastName: 'PAUSE', function: 'Sous-Directrice', email: 'liliane.pause@cafreunion.cnafmail.fr', landline: '+262262486552', roles: [{ role: 'referent-informatique-libertes' }] }),

  // Caf du Haut-Rhin — Annexe 1 and article 3.3.
  contact({ id: `${H}francisco`, cafId: DEMO_IDS.cafHautRhin, civility: 'Madame', firstName: 'Joëlle', lastName: 'FRANCISCO', function: 'Chef de Projet', email: 'Joelle.francisco@cafmulhouse.cnafmail.fr', landline: '+33368479781', roles: [{ role: 'administrateur' }, { role: 'responsable-mcp' }] }),
  contact({ id: `${H}renahy`, cafId: DEMO_IDS.cafHautRhin, civility: 'Madame', firstName: 'Josette', lastName: 'RENAHY', function: 'Responsable Sécurité', roles: [{ role: 'administrateur-suppleant' }, { role: 'responsable-securite' }, { role: 'responsable-informatique' }] }),
  contact({ id: `${H}goulois`, cafId: DEMO_IDS.cafHautRhin, firstName: 'Dominique', lastName: 'GOULOIS', function: 'CIL ou référent Informatique et Libertés', roles: [{ role: 'referent-informatique-libertes' }] }),
  contact({ id: `${H}secretariat-ogsp`, cafId: DEMO_IDS.cafHautRhin, lastName: 'Secrétariat Offre Globale de Service aux Partenaires', function: 'Secrétariat', landline: '+33368479759', roles: [] }),

  // Caf de Seine-Maritime — the template names only its director.
  contact({ id: `${S}couture`, cafId: DEMO_IDS.cafSeineMaritime, civility: 'Monsieur', firstName: 'Olivier', lastName: 'COUTURE', function: 'Directeur', roles: [{ role: 'signataire' }] }),

  // Mairie de Saint-Denis — the partner-side Annexe 1 is « à compléter »; only the signatory is known.
  contact({ id: `${P}annette`, partnerId: DEMO_IDS.partnerSaintDenis, civility: 'Monsieur', firstName: 'Gilbert', lastName: 'ANNETTE', function: 'Maire', roles: [{ role: 'signataire' }] }),

  // Conseil départemental du Haut-Rhin — Annexe 1 « Les interlocuteurs chez le partenaire » and article 3.3.
  contact({ id: `${D}bajard`, partnerId: DEMO_IDS.partnerHautRhin, civility: 'Madame', firstName: 'Christine', lastName: 'BAJARD', function: 'Référent utilisateur SOLIS rSa', email: 'bajard@haut-rhin.fr', landline: '+33389306623', roles: [{ role: 'administrateur' }] }),
  contact({ id: `${D}bigotte`, partnerId: DEMO_IDS.partnerHautRhin, civility: 'Monsieur', firstName: 'Thierry', lastName: 'BIGOTTE', function: 'Administrateur', email: 'bigotte@haut-rhin.fr', landline: '+33389306624', roles: [{ role: 'administrateur-suppleant' }] }),
  contact({ id: `${D}latsague`, partnerId: DEMO_IDS.partnerHautRhin, civility: 'Monsieur', firstName: 'Jean-Marie', lastName: 'LATSAGUE', function: "Directeur adjoint de l'Informatique en Production du CD68", email: 'latsague@haut-rhin.fr', landline: '+33389306621', roles: [{ role: 'responsable-securite' }] }),
  contact({ id: `${D}kasper`, partnerId: DEMO_IDS.partnerHautRhin, civility: 'Madame', firstName: 'Anaïs', lastName: 'KASPER', function: 'Référent Informatique et Libertés', email: 'kasper@haut-rhin.fr', landline: '+33389306480', roles: [{ role: 'referent-informatique-libertes' }] }),
  contact({ id: `${D}straumann`, partnerId: DEMO_IDS.partnerHautRhin, civility: 'Monsieur', firstName: 'Eric', lastName: 'STRAUMANN', function: 'Président du Conseil départemental', roles: [{ role: 'signataire' }] }),
];

// ---- Escalation chains (article 3.3 « La procédure d'escalade en cas d'urgence »; hours from article 3.2) ----
const chains: EscalationChain[] = [
  {
    id: DEMO_IDS.partnerSaintDenis,
    partnerId: DEMO_IDS.partnerSaintDenis,
    delayValue: 7,
    delayUnit: 'working-days',
    serviceOpens: '08:00',
    serviceCloses: '16:00',
    cafSide: [{ contactId: `${R}rafougilet` }, { contactId: `${R}pause` }],
    // « (Prénom, NOM, fonction et courriel de l'interlocuteur du partenaire à compléter) »
    partnerSide: [],
  },
  {
    id: DEMO_IDS.partnerHautRhin,
    partnerId: DEMO_IDS.partnerHautRhin,
    delayValue: 48,
    delayUnit: 'hours',
    serviceOpens: '08:00',
    serviceCloses: '16:00',
    cafSide: [{ contactId: `${H}francisco` }, { contactId: `${H}secretariat-ogsp` }],
    partnerSide: [{ contactId: `${D}bajard` }, { contactId: `${D}latsague` }],
  },
  {
    // Illustratif: « 10 jours » (calendar days) from domain.md; the Seine-Maritime template has no contrat de service.
    id: DEMO_IDS.partnerModele76,
    partnerId: DEMO_IDS.partnerModele76,
    delayValue: 10,
    delayUnit: 'calendar-days',
    serviceOpens: '09:00',
    serviceCloses: '16:00',
    cafSide: [{ contactId: `${S}couture` }],
    partnerSide: [],
  },
];

// ---- Profile allocations (Annexe 4 / bulletin d'adhésion CDAP; « / » = not granted, so no row) ----
const allocation = (partnerId: string, key: string, profile: string, maxUsers: number): Allocation => ({
  id: `demo-allocation-${key}-${profile.toLowerCase()}`,
  partnerId,
  service: 'CDAP',
  profile,
  maxUsers,
});
const allocations: Allocation[] = [
  allocation(DEMO_IDS.partnerSaintDenis, 'saint-denis', 'T1', 2),
  allocation(DEMO_IDS.partnerSaintDenis, 'saint-denis', 'T2', 5),
  allocation(DEMO_IDS.partnerHautRhin, 'cd68', 'T1', 285),
  allocation(DEMO_IDS.partnerHautRhin, 'cd68', 'T5', 100),
  allocation(DEMO_IDS.partnerHautRhin, 'cd68', 'T19', 15),
];

// ---- Habilitations (illustratif: fictional people, within the quotas above) ----
type HabInput = Pick<Habilitation, 'profile' | 'firstName' | 'lastName' | 'function' | 'startOn'> & Partial<Habilitation>;
function habilitations(partnerId: string, key: string, domain: string, list: HabInput[]): Habilitation[] {
  return list.map((h, i) => ({
    id: `demo-habilitation-${key}-${i + 1}`,
    partnerId,
    service: 'CDAP',
    email: `${h.firstName.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}.${h.lastName.toLowerCase()}@${domain}`,
    status: 'active',
    ...h,
  }));
}

const habilitationList: Habilitation[] = [
  ...habilitations(DEMO_IDS.partnerSaintDenis, 'saint-denis', 'saintdenis.re', [
    { profile: 'T1', firstName: 'Marie-Josée', lastName: 'PAYET', function: 'Assistante de service social', startOn: '2017-11-06' },
    { profile: 'T1', firstName: 'Jean-Luc', lastName: 'HOAREAU', function: 'Conseiller en économie sociale et familiale', startOn: '2018-02-12' },
    { profile: 'T2', firstName: 'Sandrine', lastName: 'FONTAINE', function: 'Gestionnaire régie petite enfance', startOn: '2017-11-06' },
    { profile: 'T2', firstName: 'Patrick', lastName: 'GRONDIN', function: 'Agent de facturation restauration scolaire', startOn: '2019-09-02' },
    { profile: 'T2', firstName: 'Nadia', lastName: 'BOYER', function: 'Gestionnaire accueils de loisirs', startOn: '2021-01-18', status: 'suppression-demandee', endOn: '2026-11-30', endReason: 'changement-fonction' },
    { profile: 'T2', firstName: 'Didier', lastName: 'RIVIERE', function: 'Agent de facturation', startOn: '2018-03-05', status: 'supprimee', endOn: '2022-06-30', endReason: 'depart' },
  ]),
  ...habilitations(DEMO_IDS.partnerHautRhin, 'cd68', 'haut-rhin.fr', [
    { profile: 'T1', firstName: 'Claire', lastName: 'MEYER', function: 'Assistante sociale de secteur', startOn: '2017-09-04' },
    { profile: 'T1', firstName: 'Sébastien', lastName: 'MULLER', function: 'Assistant social', startOn: '2018-01-15' },
    { profile: 'T1', firstName: 'Émilie', lastName: 'SCHMITT', function: 'Conseillère en économie sociale et familiale', startOn: '2019-05-06' },
    { profile: 'T1', firstName: 'Laurent', lastName: 'WEBER', function: 'Travailleur social', startOn: '2020-10-01', status: 'supprimee', endOn: '2024-03-31', endReason: 'depart' },
    { profile: 'T5', firstName: 'Isabelle', lastName: 'KLEIN', function: 'Chargée de suivi RSA', startOn: '2017-09-04' },
    { profile: 'T5', firstName: 'Nicolas', lastName: 'FISCHER', function: 'Référent insertion', startOn: '2021-02-01' },
    { profile: 'T5', firstName: 'Sophie', lastName: 'WALTER', function: 'Chargée de suivi RSA', startOn: '2022-09-12', status: 'suppression-demandee', endOn: '2026-12-01', endReason: 'perte-vol' },
    { profile: 'T19', firstName: 'Marc', lastName: 'SCHNEIDER', function: 'Contrôleur RSA', startOn: '2017-10-02' },
    { profile: 'T19', firstName: 'Céline', lastName: 'HUBER', function: 'Contrôleuse RSA', startOn: '2023-04-03' },
  ]),
];

// ---- Follow-ups (illustratif) ----
const followUps: FollowUp[] = [
  {
    id: 'demo-followup-cd68-revue',
    partnerId: DEMO_IDS.partnerHautRhin,
    subject: 'Revue inverse annuelle des habilitations : résultat non reçu',
    direction: 'vers-partenaire',
    channel: 'mel',
    sentAt: '2026-11-16T09:30:00.000Z',
    urgent: false,
    steps: [],
    status: 'ouverte',
    notes: '',
  },
  {
    id: 'demo-followup-saint-denis-admin',
    partnerId: DEMO_IDS.partnerSaintDenis,
    subject: "Désignation de l'administrateur et de son suppléant (Annexe 1 à compléter)",
    direction: 'vers-partenaire',
    channel: 'courrier',
    sentAt: '2026-10-26T06:00:00.000Z',
    urgent: false,
    steps: [],
    status: 'ouverte',
    notes: '',
  },
  {
    id: 'demo-followup-cd68-incident',
    partnerId: DEMO_IDS.partnerHautRhin,
    subject: 'Incident de connexion CDAP signalé par le partenaire',
    direction: 'vers-caf',
    channel: 'telephone',
    sentAt: '2026-11-03T08:15:00.000Z',
    urgent: true,
    steps: [{ side: 'caf', contactId: `${H}francisco`, contactedAt: '2026-11-05T09:00:00.000Z' }],
    status: 'close',
    closedAt: '2026-11-05T14:00:00.000Z',
    notes: '',
  },
];

/** The demo set: three Cafs, their conventions and contacts, as the seeds state them. */
export const demoDataset: Dataset = {
  cafs,
  partners,
  conventions,
  contacts,
  chains,
  allocations,
  habilitations: habilitationList,
  followUps,
};

/** Caf identity for Paramètres when the office starts from the demo (the first Caf: La Réunion). */
export const demoOfficeCaf = {
  name: cafs[0]!.name,
  addressLine1: cafs[0]!.address.line1,
  addressLine2: cafs[0]!.address.line2,
  postalCode: cafs[0]!.address.postalCode,
  city: cafs[0]!.address.city,
  territory: cafs[0]!.territory,
};
