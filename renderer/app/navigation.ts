export interface NavItem {
  section: string;
  label: string;
}

/** The main sections, in menu order. `section` is the first segment of the hash route. */
export const navItems: NavItem[] = [
  { section: 'tableau-de-bord', label: 'Tableau de bord' },
  { section: 'partenaires', label: 'Partenaires' },
  { section: 'interlocuteurs', label: 'Interlocuteurs' },
  { section: 'cafs', label: 'Caf' },
  { section: 'habilitations', label: 'Habilitations' },
  { section: 'relances', label: 'Relances' },
  { section: 'formulaires', label: 'Formulaires' },
  { section: 'rapports', label: 'Rapports' },
  { section: 'synchronisation', label: 'Synchronisation' },
  { section: 'parametres', label: 'Paramètres' },
];
