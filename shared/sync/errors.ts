/** Every way a bundle can be refused, each with its own plain-French message. */
export type BundleErrorCode =
  | 'empty'
  | 'not-bundle'
  | 'format-newer'
  | 'truncated'
  | 'corrupt'
  | 'schema-newer'
  | 'schema-unsupported'
  | 'wrong-passphrase'
  | 'invalid-record'
  | 'no-passphrase'
  | 'clock-ahead'
  | 'modified'
  | 'too-large'
  | 'invalid-attachment'
  | 'blobs-too-large';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

export const bundleMessages = {
  empty: "Le fichier est vide : ce n'est pas un fichier de synchronisation.",
  notBundle: "Ce fichier n'est pas un fichier de synchronisation Partenaires MCP (.mcpsync).",
  formatNewer: (v: number) =>
    `Ce fichier a été créé par une version plus récente de l'application (format ${v}) : mettez l'application à jour sur ce poste avant de l'importer.`,
  truncated: "Le fichier est incomplet (tronqué) : il a sans doute été mal copié. Recopiez-le depuis le poste d'origine.",
  corrupt: "Le fichier est endommagé (contrôle d'intégrité en échec) : recopiez-le depuis le poste d'origine.",
  schemaNewer: (theirs: number, ours: number) =>
    `Ce fichier vient d'une version plus récente de l'application (schéma ${theirs}, ce poste : ${ours}) : mettez l'application à jour avant de l'importer.`,
  schemaUnsupported: (v: number) => `Ce fichier vient d'une version trop ancienne de l'application (schéma ${v}) : il ne peut plus être importé.`,
  wrongPassphrase: 'Phrase de passe incorrecte : ce fichier a été chiffré avec une autre phrase de passe.',
  invalidHistory: (detail: string) => `Le fichier contient une ligne d'historique invalide : ${detail} Rien n'a été importé.`,
  invalidRecord: (table: string, id: string, detail: string) =>
    `Le fichier contient un enregistrement invalide (${table}, ${id}) : ${detail} Rien n'a été importé.`,
  clockAhead: (who: string, ahead: string, limit: string) =>
    `L'horloge ${who} est en avance de ${ahead} sur celle de ce poste (limite : ${limit}). Le fichier est refusé pour ne pas dérégler l'horloge de la synchronisation : corrigez la date et l'heure du poste en cause, puis refaites le fichier. Rien n'a été importé.`,
  modified:
    "Le fichier a été modifié après sa création (en-tête ou contenu altéré alors que le contrôle d'intégrité a été recalculé) : il est refusé. Demandez un nouveau fichier au poste d'origine. Rien n'a été importé.",
  tooLarge:
    "Le fichier annonce un contenu sans rapport avec sa taille (données anormalement volumineuses ou imbriquées) : il est refusé sans être ouvert. Rien n'a été importé.",
  tooSlow: "La lecture du fichier s'est bloquée : il est refusé et rien n'a été importé. Réessayez ; si cela se reproduit, demandez un nouveau fichier à son expéditeur.",
  invalidAttachment: (detail: string) => `Le fichier contient un document joint invalide : ${detail}. Rien n'a été importé.`,
  blobsTooLarge: (mb: number) =>
    `Les documents joints à transmettre pèsent ${mb} Mo, au-delà de la limite de 1 024 Mo par fichier de synchronisation : faites d'abord un fichier pour un seul poste (les documents qu'il a déjà reçus n'y sont pas repris).`,
  noPassphrase: 'Aucune phrase de passe du service : définissez-la dans Paramètres avant de synchroniser.',
};
