/** The templates a new base starts with (the office edits them; they are records and sync). */
import type { LetterTemplate } from '../domain/template';

export const DEFAULT_REVIEW_TEMPLATE_ID = 'modele-revue-inverse';
export const DEFAULT_FOLLOW_UP_TEMPLATE_ID = 'modele-relance';

export const defaultTemplates: LetterTemplate[] = [
  {
    id: DEFAULT_REVIEW_TEMPLATE_ID,
    kind: 'revue-inverse',
    name: 'Revue inverse des habilitations (modèle par défaut)',
    subject: 'Revue inverse des habilitations {annee} — {partenaire.nom}',
    letter: `{administrateur.civilite},

Conformément à la convention d'accès n° {convention.numero} qui lie {partenaire.nom} à la {caf.nom}, l'administrateur principal « Mon Compte Partenaire » réalise chaque année la revue inverse des habilitations de ses utilisateurs et en transmet le résultat à la Caf.

Voici les habilitations actives enregistrées par nos services au {date_du_jour}, par profil :

{habilitations.tableau}

Nous vous remercions de vérifier, avec l'outil de revue de « Mon Compte Partenaire » :
– que chaque personne listée travaille toujours dans vos services et a toujours besoin de son accès ;
– que son profil correspond à ses fonctions actuelles ;
– que les accès des personnes parties, ayant changé de fonction ou ayant perdu leurs identifiants ont fait l'objet d'une demande de suppression ;
– qu'aucune personne habilitée ne manque à cette liste.

Merci de nous retourner le résultat de cette revue, daté et signé, avant le {date_limite}, à l'adresse {caf.mel}.

Nous vous prions d'agréer, {administrateur.civilite}, l'expression de nos salutations distinguées.`,
    email: `{administrateur.civilite},

Vous trouverez ci-joint le courrier relatif à la revue inverse des habilitations {annee} de {partenaire.nom} (convention n° {convention.numero}), avec la liste des {habilitations.total} habilitations actives enregistrées par la Caf :

{habilitations.par_profil}

Merci de nous retourner le résultat de la revue avant le {date_limite}.

Cordialement,
{agent}
{caf.nom} — {caf.mel} — {caf.telephone}`,
  },
  {
    id: DEFAULT_FOLLOW_UP_TEMPLATE_ID,
    kind: 'relance',
    name: 'Relance (modèle par défaut)',
    subject: 'Relance : {relance.objet}',
    letter: `{administrateur.civilite},

Le {relance.date}, nous vous avons adressé une demande ayant pour objet « {relance.objet} ». Sauf erreur de notre part, elle est restée sans réponse à ce jour.

Nous vous remercions de bien vouloir nous répondre dans les meilleurs délais, à l'adresse {caf.mel} ou au {caf.telephone}.

Nous vous prions d'agréer, {administrateur.civilite}, l'expression de nos salutations distinguées.`,
    email: `{administrateur.civilite},

Le {relance.date}, nous vous avons adressé une demande ayant pour objet « {relance.objet} », restée sans réponse à ce jour.

Merci de bien vouloir nous répondre dans les meilleurs délais.

Cordialement,
{agent}
{caf.nom} — {caf.mel} — {caf.telephone}`,
  },
];
