/**
 * Wording of the real forms, copied from the conventions in /work/shared/seeds (saint-denis-reunion-2017.txt,
 * haut-rhin-2017.txt). Kept verbatim (including the forms' own capitalisation) so the printed pages read as the
 * Caf's forms; see docs/forms.md for which seed each text comes from.
 */

/** Bulletin d'adhésion: description of the profiles the conventions describe (others print their label). */
export const bulletinProfileTexts: Record<string, { title: string; paragraphs: string[] }> = {
  "T1": {
    "title": "Profils T1 – Action sociale",
    "paragraphs": [
      "Ce profil est destiné aux assistants de service social et aux conseillers en économie sociale et familiale de l’Etat et des départements, aux assistants de service social des services hospitaliers, des collectivités territoriales, des Caisses régionales d’assurance maladie et de la Mutualité sociale agricole ; aux assistants de service social assurant la fonction de référent unique pour l’insertion sociale des bénéficiaires du Rsa.",
      "Pour les assistants de service social des services hospitaliers, il convient d’interpréter ce profil au sens large. Son objet est de permettre un accès aux assistants de service social des établissements de soins, quelle que soit leur nature juridique. Elle couvre donc notamment les cliniques et les établissements médico-sociaux",
      "Par extension, les assistants de service social des Caisses d’assurance retraite et de la santé (Carsat) et de Mutualité sociale agricole et les services de la Caisse nationale d’assurance vieillesse (Cnav) qui assurent le rôle d’une Carsat pour les départements d’Ile-de-France, sont éligibles à ce profil."
    ]
  },
  "T2": {
    "title": "Profil T2 – Prestataires service sociaux",
    "paragraphs": [
      "Ce profil est destiné aux prestataires de services sociaux bénéficiaires de subventions d’actions sociales Caf, pour le calcul des participations des familles, basées sur le quotient familial. Il ne peut donc pas être attribué dans le cas d’avantages qui ne bénéficient pas de subventions d’action de la part de la Caf."
    ]
  },
  "T4": {
    "title": "Profils T4 – Services instructeurs",
    "paragraphs": [
      "Ce profil est destiné aux agents chargés de l’instruction du Rsa pour une consultation a posteriori des dossiers des bénéficiaires (l’instruction du droit proprement dit se réalisant via l’application e-Rsa). L’accès au dossier allocataire nécessite la saisie préalable du numéro instructeur."
    ]
  },
  "T5": {
    "title": "Profil T5 – Chargés de suivi des dossiers RSA",
    "paragraphs": [
      "Ce profil est destiné aux agents placés sous la responsabilité du président du conseil départemental (ou de l’Agence départementale d’insertion dans les DOM) chargés du suivi des dossiers Rsa."
    ]
  },
  "T18": {
    "title": "Profil T18 – Agents des départements en charge du contentieux RSA",
    "paragraphs": [
      "Ce profil est destiné aux agents habilités des départements en charge de la gestion et de l’instruction des recours contentieux liés au Rsa. Ne peuvent être consultés que les dossiers des personnes bénéficiaires du Rsa ou ayant été bénéficiaires du Rsa au cours des deux dernières années."
    ]
  },
  "T19": {
    "title": "Profil T19 – Agent des départements en charge du contrôle RSA",
    "paragraphs": [
      "Ce profil est destiné aux agents des seuls départements dûment habilités et chargés du contrôle a posteriori du Rsa. Ne peuvent être consultés que les dossiers des allocataires bénéficiaires du Rsa ou ayant été bénéficiaires du Rsa au cours des deux dernières années."
    ]
  }
};
