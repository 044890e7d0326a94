/** The CDAP profile catalogue (domain.md). Kept as data: codes come and go (no T3, T7, T17 today). */
export interface ProfileDefinition {
  code: string;
  label: string;
  /** T4 needs the instructor number on each habilitation. */
  needsInstructorNumber: boolean;
}

export const cdapProfiles: readonly ProfileDefinition[] = [
  { code: 'T1', label: 'Action sociale', needsInstructorNumber: false },
  { code: 'T2', label: 'Prestataires de services sociaux', needsInstructorNumber: false },
  { code: 'T4', label: 'Services instructeurs (RSA)', needsInstructorNumber: true },
  {
    code: 'T5',
    label: 'Chargés de suivi des dossiers RSA (et accompagnement des bénéficiaires)',
    needsInstructorNumber: false,
  },
  { code: 'T6', label: 'Cnam', needsInstructorNumber: false },
  { code: 'T8', label: "Régimes particuliers d'assurance maladie", needsInstructorNumber: false },
  { code: 'T9', label: "Protection des majeurs et de l'enfance", needsInstructorNumber: false },
  { code: 'T10', label: 'Bailleurs sociaux', needsInstructorNumber: false },
  { code: 'T11', label: 'Commissions de surendettement', needsInstructorNumber: false },
  { code: 'T12', label: "Bureaux d'aide juridictionnelle", needsInstructorNumber: false },
  {
    code: 'T13',
    label: 'Commissions FSL (Fonds de solidarité pour le logement)',
    needsInstructorNumber: false,
  },
  { code: 'T14', label: "Pensions de réversion et pensions d'orphelin", needsInstructorNumber: false },
  { code: 'T15', label: 'Tarification sociale des transports', needsInstructorNumber: false },
  { code: 'T16', label: 'Commission de médiation logement (Dalo), Ccapex', needsInstructorNumber: false },
  { code: 'T18', label: 'Contentieux RSA des départements', needsInstructorNumber: false },
  { code: 'T19', label: 'Contrôle RSA des départements', needsInstructorNumber: false },
  { code: 'T20', label: 'Caisses de sécurité sociale frontalières', needsInstructorNumber: false },
  { code: 'T21', label: 'Centre national Pajemploi', needsInstructorNumber: false },
  { code: 'T22', label: 'Crous', needsInstructorNumber: false },
];

export const services = [
  { code: 'CDAP', label: 'Consultation du dossier allocataire par les partenaires' },
  { code: 'AFAS', label: 'Aide financière d’action sociale' },
] as const;

export function profileByCode(code: string): ProfileDefinition | undefined {
  return cdapProfiles.find((p) => p.code === code);
}
