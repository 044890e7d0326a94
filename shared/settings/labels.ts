/** French names of the settings, used in error messages (and available to the Paramètres screen). */
export const settingsFieldLabels: Record<string, string> = {
  replicaId: "Identifiant d'installation",
  replicaLabel: 'Nom de ce poste',
  userName: "Nom de l'utilisateur",
  caf: 'Identité de la Caf',
  'caf.name': 'Nom de la Caf',
  'caf.addressLine1': 'Adresse de la Caf',
  'caf.addressLine2': "Complément d'adresse de la Caf",
  'caf.postalCode': 'Code postal de la Caf',
  'caf.city': 'Ville de la Caf',
  'caf.territory': 'Territoire (jours fériés)',
  syncFolder: 'Dossier de synchronisation',
  backups: 'Sauvegardes',
  'backups.folder': 'Dossier des sauvegardes',
  'backups.keep': 'Nombre de sauvegardes à conserver',
  'backups.lastAt': 'Date de la dernière sauvegarde',
  window: 'Fenêtre',
};
