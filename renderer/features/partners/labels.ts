import type { ConventionStatus } from '../../../shared/rules/convention';

export const statusChipColor: Record<ConventionStatus, 'default' | 'info' | 'success' | 'warning' | 'error'> = {
  'en-preparation': 'default',
  signee: 'info',
  'en-vigueur': 'success',
  'resiliation-demandee': 'warning',
  resiliee: 'error',
};

export const partnerTabs = [
  { slug: 'convention', label: 'Convention' },
  { slug: 'interlocuteurs', label: 'Interlocuteurs' },
  { slug: 'escalade', label: 'Escalade' },
  { slug: 'habilitations', label: 'Profils et habilitations' },
  { slug: 'formulaires', label: 'Formulaires' },
  { slug: 'historique', label: 'Historique' },
] as const;
