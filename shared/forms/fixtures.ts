/**
 * Form fixtures taken from the seed conventions (Saint-Denis de La Réunion 2017, Haut-Rhin 2017), plus one
 * partner with the hard cases: accents, apostrophes, a very long e-mail, and 30 accesses to suppress. Used by
 * the end-to-end tests, the bench and `npm run forms:pdf` until the demo data set exists.
 */
import type { FormsDataset } from './dataset';
import type { Contact, Habilitation } from '../domain';

const contact = (c: Partial<Contact> & Pick<Contact, 'id' | 'lastName'>): Contact => ({
  firstName: '',
  function: '',
  email: '',
  landline: '',
  mobile: '',
  roles: [],
  notes: '',
  ...c,
});

const firstNames = ['Anne', 'Bruno', 'Céline', 'Didier', 'Élodie', 'François', 'Gaëlle', 'Hervé', 'Inès', 'Jérôme'];
const lastNames = ['Payet', 'Hoarau', 'Grondin', 'Fontaine', 'Técher', 'Rivière', 'Boyer', 'Lebon', 'Maillot', "D'Eurveilher"];

/** 30 CDAP accesses of the CCAS, the first one with the longest plausible name and e-mail. */
function manyHabilitations(partnerId: string): Habilitation[] {
  return Array.from({ length: 30 }, (_, i) => {
    const first = firstNames[i % 10] ?? 'Anne';
    const last = `${lastNames[(i * 7) % 10] ?? 'Payet'}`;
    const hard = i === 0;
    return {
      id: `hab-ccas-${String(i + 1).padStart(2, '0')}`,
      partnerId,
      service: 'CDAP',
      profile: i % 4 === 0 ? 'T4' : 'T1',
      firstName: hard ? 'Marie-Hélène' : first,
      lastName: hard ? "D'Aubigné-Lefèvre de l'Œillet" : `${last}-${i + 1}`,
      email: hard
        ? 'marie-helene.daubigne-lefevre-de-loeillet.service-action-sociale-territoriale@ccas-etang-sale.re'
        : `${first.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}.agent${i + 1}@ccas-etang-sale.re`,
      function: hard ? "Conseillère en économie sociale et familiale, chargée de l'accueil d'urgence" : i % 2 ? 'Assistant(e) de service social' : 'Agent d’accueil',
      instructorNumber: i % 4 === 0 ? `974${String(100 + i)}` : undefined,
      startOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
      status: 'active',
    };
  });
}

export const formsFixture: FormsDataset = {
  cafs: [
    {
      id: 'caf-974',
      name: 'Caf de La Réunion',
      address: { line1: '4 boulevard Doret', line2: 'CS 53001', postalCode: '97741', city: 'Saint-Denis Cedex 9' },
      territory: 'reunion',
      director: 'J. Ch. SLAMA',
      helpdeskEmail: 'mon-compte-partenaire.cafreunion@caf.cnafmail.fr',
      helpdeskPhone: '',
    },
    {
      id: 'caf-68',
      name: "Caisse d'Allocations familiales du Haut-Rhin",
      address: { line1: '26, avenue Robert Schuman', line2: '', postalCode: '68084', city: 'MULHOUSE CEDEX' },
      territory: 'alsace-moselle',
      director: 'Jean-Jacques PION',
      helpdeskEmail: 'portail-partenaires.cafmulhouse@caf.cnafmail.fr',
      helpdeskPhone: '',
    },
  ],
  partners: [
    {
      id: 'p-saint-denis',
      cafId: 'caf-974',
      name: 'Ville de Saint-Denis',
      kind: 'commune',
      siret: '',
      address: { line1: '2 rue de Paris', line2: '', postalCode: '97400', city: 'Saint-Denis' },
      representative: { civility: 'Monsieur', firstName: 'Gilbert', lastName: 'Annette', title: 'Le Maire' },
      status: 'actif',
      notes: '',
    },
    {
      id: 'p-haut-rhin',
      cafId: 'caf-68',
      name: 'Conseil Départemental du Haut-Rhin',
      kind: 'conseil-departemental',
      siret: '',
      address: { line1: '100 avenue d’Alsace', line2: '', postalCode: '68006', city: 'Colmar' },
      representative: { firstName: '', lastName: '', title: 'Le Président' },
      status: 'actif',
      notes: '',
    },
    {
      id: 'p-ccas-etang-sale',
      cafId: 'caf-974',
      name: "Centre communal d'action sociale de L'Étang-Salé",
      kind: 'ccas-cias',
      siret: '',
      address: { line1: '', line2: '', postalCode: '97427', city: "L'Étang-Salé" },
      representative: { firstName: 'Joëlle', lastName: "N'Diaye", title: 'La Présidente' },
      status: 'actif',
      notes: '',
    },
  ],
  conventions: [
    { id: 'conv-sd', partnerId: 'p-saint-denis', number: '112/2017', signedOn: '2017-05-05', tacitRenewal: true, managementMode: 'centralise', missions: '', amendments: [], services: [{ code: 'CDAP', availableOn: '2017-05-01' }] },
    { id: 'conv-hr', partnerId: 'p-haut-rhin', number: '01/2017', signedOn: '2017-07-01', tacitRenewal: true, managementMode: 'delegue', missions: '', amendments: [], services: [{ code: 'CDAP', availableOn: '2017-07-01' }] },
    { id: 'conv-ccas', partnerId: 'p-ccas-etang-sale', number: '2023-267 701 647', signedOn: '2023-03-01', tacitRenewal: true, managementMode: 'centralise', missions: '', amendments: [], services: [] },
  ],
  contacts: [
    // Caf de La Réunion (Annexe 1 of saint-denis-reunion-2017)
    contact({ id: 'c974-mouret', cafId: 'caf-974', firstName: 'Michel', lastName: 'Mouret', email: 'michel.mouret@cafreunion.cnafmail.fr', landline: '+262262486211', roles: [{ role: 'administrateur' }] }),
    contact({ id: 'c974-veloupoule', cafId: 'caf-974', firstName: 'Yannick', lastName: 'Veloupoule', email: 'yannick.veloupoule@cafreunion.cnafmail.fr', landline: '+262262486556', roles: [{ role: 'administrateur' }] }),
    contact({ id: 'c974-dreux', cafId: 'caf-974', firstName: 'Kareen', lastName: 'Dreux', email: 'kareen.dreux@cafreunion.cnafmail.fr', landline: '+262262483428', roles: [{ role: 'responsable-mcp' }] }),
    contact({ id: 'c974-rafougilet', cafId: 'caf-974', firstName: 'Céline', lastName: 'Rafougilet', email: 'marie-celine.rafougilet@cafreunion.cnafmail.fr', landline: '+262262486284', roles: [{ role: 'responsable-securite' }, { role: 'responsable-informatique' }] }),
    contact({ id: 'c974-pause', cafId: 'caf-974', firstName: 'Liliane', lastName: 'Pause', email: 'liliane.pause@cafreunion.cnafmail.fr', landline: '+262262486552', roles: [{ role: 'referent-informatique-libertes' }] }),
    // Ville de Saint-Denis: the convention left them « à compléter »; here two people are known.
    contact({ id: 'csd-payet', partnerId: 'p-saint-denis', firstName: 'Marie', lastName: 'Payet', function: 'Directrice de l’action sociale', email: 'marie.payet@saintdenis.re', landline: '+262262402020', roles: [{ role: 'administrateur', from: '2017-05-05' }] }),
    contact({ id: 'csd-hoarau', partnerId: 'p-saint-denis', firstName: 'Jean-Luc', lastName: 'Hoarau', function: 'Chef du service informatique', email: 'jean-luc.hoarau@saintdenis.re', mobile: '+262692123456', roles: [{ role: 'administrateur-suppleant', from: '2019-01-01' }] }),
    // Caf du Haut-Rhin and the Conseil départemental (Annexe 1 of haut-rhin-2017)
    contact({ id: 'c68-francisco', cafId: 'caf-68', firstName: 'Joelle', lastName: 'Francisco', email: 'Joelle.francisco@cafmulhouse.cnafmail.fr', landline: '+33368479781', roles: [{ role: 'administrateur' }, { role: 'responsable-mcp' }] }),
    contact({ id: 'c68-renahy', cafId: 'caf-68', firstName: 'Josette', lastName: 'Renahy', roles: [{ role: 'administrateur' }, { role: 'responsable-securite' }, { role: 'responsable-informatique' }] }),
    contact({ id: 'c68-goulois', cafId: 'caf-68', firstName: 'Dominique', lastName: 'Goulois', roles: [{ role: 'referent-informatique-libertes' }] }),
    contact({ id: 'chr-bajard', partnerId: 'p-haut-rhin', firstName: 'Christine', lastName: 'Bajard', function: 'Responsable du service RSA', email: 'bajard@haut-rhin.fr', landline: '+33389306623', roles: [{ role: 'administrateur' }] }),
    contact({ id: 'chr-bigotte', partnerId: 'p-haut-rhin', firstName: 'Thierry', lastName: 'Bigotte', function: 'Chargé de mission', email: 'bigotte@haut-rhin.fr', landline: '+33389306624', roles: [{ role: 'administrateur-suppleant' }] }),
    contact({ id: 'chr-latsague', partnerId: 'p-haut-rhin', firstName: 'Jean-Marie', lastName: 'Latsague', email: 'latsague@haut-rhin.fr', landline: '+33389306621', roles: [{ role: 'responsable-securite' }] }),
    contact({ id: 'chr-kasper', partnerId: 'p-haut-rhin', firstName: 'Anaïs', lastName: 'Kasper', email: 'kasper@haut-rhin.fr', landline: '+33389306480', roles: [{ role: 'referent-informatique-libertes' }] }),
    // CCAS de L'Étang-Salé: the hard cases
    contact({
      id: 'cccas-daubigne',
      partnerId: 'p-ccas-etang-sale',
      firstName: 'Marie-Hélène',
      lastName: "D'Aubigné-Lefèvre de l'Œillet",
      function: "Conseillère en économie sociale et familiale, chargée de l'accueil d'urgence",
      email: 'marie-helene.daubigne-lefevre-de-loeillet.service-action-sociale-territoriale@ccas-etang-sale.re',
      mobile: '+262692998877',
      roles: [{ role: 'administrateur-suppleant' }],
    }),
  ],
  allocations: [
    { id: 'al-sd-t1', partnerId: 'p-saint-denis', service: 'CDAP', profile: 'T1', maxUsers: 2 },
    { id: 'al-sd-t2', partnerId: 'p-saint-denis', service: 'CDAP', profile: 'T2', maxUsers: 5 },
    { id: 'al-hr-t1', partnerId: 'p-haut-rhin', service: 'CDAP', profile: 'T1', maxUsers: 285 },
    { id: 'al-hr-t2', partnerId: 'p-haut-rhin', service: 'CDAP', profile: 'T2', maxUsers: 0 },
    { id: 'al-hr-t5', partnerId: 'p-haut-rhin', service: 'CDAP', profile: 'T5', maxUsers: 100 },
    { id: 'al-hr-t19', partnerId: 'p-haut-rhin', service: 'CDAP', profile: 'T19', maxUsers: 15 },
    { id: 'al-ccas-t1', partnerId: 'p-ccas-etang-sale', service: 'CDAP', profile: 'T1', maxUsers: 30 },
    { id: 'al-ccas-t4', partnerId: 'p-ccas-etang-sale', service: 'CDAP', profile: 'T4', maxUsers: 10 },
  ],
  habilitations: [
    { id: 'hab-sd-1', partnerId: 'p-saint-denis', service: 'CDAP', profile: 'T1', firstName: 'Nathalie', lastName: 'Grondin', email: 'nathalie.grondin@saintdenis.re', function: 'Assistante de service social', startOn: '2018-02-01', status: 'active' },
    { id: 'hab-sd-2', partnerId: 'p-saint-denis', service: 'CDAP', profile: 'T2', firstName: 'Éric', lastName: "L'Hermitte", email: 'eric.lhermitte@saintdenis.re', function: 'Régisseur crèches', startOn: '2019-09-01', status: 'active' },
    ...manyHabilitations('p-ccas-etang-sale'),
  ],
};
