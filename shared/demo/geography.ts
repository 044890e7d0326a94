/**
 * Real communes and postal codes of six Caf territories, and the phone prefixes used there, for the synthetic
 * generator. Overseas numbers keep their own country codes (+262, +590), as domain.md says.
 */
import type { Territory } from '../domain/common';

export interface CafArea {
  key: string;
  department: string;
  departmentName: string;
  /** « de Seine-Maritime », « du Haut-Rhin », « de la Réunion ». */
  of: string;
  territory: Territory;
  cafCity: string;
  cafPostalCode: string;
  cafStreet: string;
  /** E.164 prefixes followed by the remaining digits count. */
  landline: { prefixes: readonly string[]; rest: number };
  mobile: { prefixes: readonly string[]; rest: number };
  communes: readonly (readonly [name: string, postalCode: string])[];
  mailSlug: string;
}

export const cafAreas: readonly CafArea[] = [
  {
    key: '76',
    department: '76',
    departmentName: 'Seine-Maritime',
    of: 'de Seine-Maritime',
    territory: 'metropole',
    cafCity: 'Rouen Cedex',
    cafPostalCode: '76017',
    cafStreet: '65 avenue Jean Rondeaux',
    landline: { prefixes: ['+33235', '+33232'], rest: 6 },
    mobile: { prefixes: ['+3366', '+3361', '+3376', '+3378'], rest: 7 },
    mailSlug: 'cafrouen',
    communes: [
      ['Rouen', '76000'], ['Le Havre', '76600'], ['Dieppe', '76200'], ['Sotteville-lès-Rouen', '76300'],
      ['Saint-Étienne-du-Rouvray', '76800'], ['Le Grand-Quevilly', '76120'], ['Le Petit-Quevilly', '76140'],
      ['Fécamp', '76400'], ['Elbeuf', '76500'], ['Yvetot', '76190'], ['Bolbec', '76210'], ['Montivilliers', '76290'],
      ['Mont-Saint-Aignan', '76130'], ['Canteleu', '76380'], ['Barentin', '76360'], ['Lillebonne', '76170'],
      ['Eu', '76260'], ['Déville-lès-Rouen', '76250'], ['Maromme', '76150'], ['Harfleur', '76700'],
    ],
  },
  {
    key: '68',
    department: '68',
    departmentName: 'Haut-Rhin',
    of: 'du Haut-Rhin',
    territory: 'alsace-moselle',
    cafCity: 'Mulhouse Cedex',
    cafPostalCode: '68084',
    cafStreet: '26, avenue Robert Schuman',
    landline: { prefixes: ['+33389'], rest: 6 },
    mobile: { prefixes: ['+3366', '+3362', '+3377', '+3375'], rest: 7 },
    mailSlug: 'cafmulhouse',
    communes: [
      ['Mulhouse', '68100'], ['Colmar', '68000'], ['Saint-Louis', '68300'], ['Wittenheim', '68270'], ['Illzach', '68110'],
      ['Kingersheim', '68260'], ['Rixheim', '68170'], ['Riedisheim', '68400'], ['Guebwiller', '68500'], ['Cernay', '68700'],
      ['Thann', '68800'], ['Altkirch', '68130'], ['Wittelsheim', '68310'], ['Sausheim', '68390'], ['Huningue', '68330'],
      ['Ensisheim', '68190'], ['Munster', '68140'], ['Ribeauvillé', '68150'], ['Soultz-Haut-Rhin', '68360'],
      ['Masevaux-Niederbruck', '68290'],
    ],
  },
  {
    key: '974',
    department: '974',
    departmentName: 'La Réunion',
    of: 'de la Réunion',
    territory: 'reunion',
    cafCity: 'Sainte-Marie Cedex',
    cafPostalCode: '97833',
    cafStreet: '412 Fleur de Jade',
    landline: { prefixes: ['+262262'], rest: 6 },
    mobile: { prefixes: ['+262692'], rest: 6 },
    mailSlug: 'cafreunion',
    communes: [
      ['Saint-Denis', '97400'], ['Saint-Paul', '97460'], ['Saint-Pierre', '97410'], ['Le Tampon', '97430'],
      ['Saint-André', '97440'], ['Saint-Louis', '97450'], ['Le Port', '97420'], ['Saint-Benoît', '97470'],
      ['Saint-Joseph', '97480'], ['Sainte-Marie', '97438'], ['Sainte-Suzanne', '97441'], ['La Possession', '97419'],
      ['Saint-Leu', '97436'], ['Bras-Panon', '97412'], ["L'Étang-Salé", '97427'], ['Cilaos', '97413'],
      ['Petite-Île', '97429'], ['Salazie', '97433'], ['Trois-Bassins', '97426'], ['Entre-Deux', '97414'],
    ],
  },
  {
    key: '33',
    department: '33',
    departmentName: 'Gironde',
    of: 'de la Gironde',
    territory: 'metropole',
    cafCity: 'Bordeaux Cedex',
    cafPostalCode: '33085',
    cafStreet: 'rue du Docteur Gabriel Péry',
    landline: { prefixes: ['+33556', '+33557'], rest: 6 },
    mobile: { prefixes: ['+3367', '+3364', '+3374', '+3379'], rest: 7 },
    mailSlug: 'cafbordeaux',
    communes: [
      ['Bordeaux', '33000'], ['Mérignac', '33700'], ['Pessac', '33600'], ['Talence', '33400'], ["Villenave-d'Ornon", '33140'],
      ['Saint-Médard-en-Jalles', '33160'], ['Bègles', '33130'], ['La Teste-de-Buch', '33260'], ['Le Bouscat', '33110'],
      ['Gradignan', '33170'], ['Libourne', '33500'], ['Cenon', '33150'], ['Lormont', '33310'], ['Eysines', '33320'],
      ['Arcachon', '33120'], ['Blanquefort', '33290'], ['Floirac', '33270'], ['Bruges', '33520'], ['Langon', '33210'],
      ['Lège-Cap-Ferret', '33950'],
    ],
  },
  {
    key: '69',
    department: '69',
    departmentName: 'Rhône',
    of: 'du Rhône',
    territory: 'metropole',
    cafCity: 'Lyon Cedex 03',
    cafPostalCode: '69422',
    cafStreet: '67 boulevard Vivier Merle',
    landline: { prefixes: ['+33472', '+33478'], rest: 6 },
    mobile: { prefixes: ['+3368', '+3360', '+3373', '+3376'], rest: 7 },
    mailSlug: 'caflyon',
    communes: [
      ['Lyon', '69003'], ['Villeurbanne', '69100'], ['Vénissieux', '69200'], ['Vaulx-en-Velin', '69120'], ['Bron', '69500'],
      ['Caluire-et-Cuire', '69300'], ['Saint-Priest', '69800'], ['Villefranche-sur-Saône', '69400'],
      ['Rillieux-la-Pape', '69140'], ['Meyzieu', '69330'], ['Décines-Charpieu', '69150'], ['Sainte-Foy-lès-Lyon', '69110'],
      ['Givors', '69700'], ['Tassin-la-Demi-Lune', '69160'], ['Écully', '69130'], ['Saint-Genis-Laval', '69230'],
      ['Tarare', '69170'], ['Mions', '69780'], ['Genas', '69740'], ['Oullins-Pierre-Bénite', '69600'],
    ],
  },
  {
    key: '971',
    department: '971',
    departmentName: 'Guadeloupe',
    of: 'de la Guadeloupe',
    territory: 'guadeloupe',
    cafCity: 'Pointe-à-Pitre Cedex',
    cafPostalCode: '97159',
    cafStreet: 'Rue Paul Lacavé',
    landline: { prefixes: ['+59059082', '+59059083', '+59059084', '+59059091', '+59059093'], rest: 4 },
    mobile: { prefixes: ['+590690'], rest: 6 },
    mailSlug: 'cafguadeloupe',
    communes: [
      ['Les Abymes', '97139'], ['Baie-Mahault', '97122'], ['Le Gosier', '97190'], ['Petit-Bourg', '97170'],
      ['Sainte-Anne', '97180'], ['Le Moule', '97160'], ['Pointe-à-Pitre', '97110'], ['Basse-Terre', '97100'],
      ['Capesterre-Belle-Eau', '97130'], ['Sainte-Rose', '97115'], ['Lamentin', '97129'], ["Morne-à-l'Eau", '97111'],
      ['Saint-François', '97118'], ['Goyave', '97128'], ['Trois-Rivières', '97114'],
    ],
  },
];

export const femaleFirstNames = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Valérie', 'Christine', 'Céline', 'Stéphanie',
  'Sophie', 'Émilie', 'Julie', 'Aurélie', 'Caroline', 'Camille', 'Laura', 'Claire', 'Anne', 'Hélène', 'Élodie',
  'Virginie', 'Karine', 'Delphine', 'Laetitia', 'Audrey', 'Pauline', 'Manon', 'Chloé', 'Léa', 'Inès', 'Sarah',
  'Anaïs', 'Joëlle', 'Josette', 'Françoise', 'Monique', 'Martine', 'Brigitte', 'Fatima', 'Nadia', 'Mélanie',
] as const;

export const maleFirstNames = [
  'Jean', 'Philippe', 'Michel', 'Alain', 'Patrick', 'Nicolas', 'Christophe', 'Pierre', 'Laurent', 'Frédéric',
  'Sébastien', 'Stéphane', 'David', 'Olivier', 'Julien', 'Éric', 'Thierry', 'Pascal', 'Vincent', 'François',
  'Jérôme', 'Mathieu', 'Guillaume', 'Romain', 'Thomas', 'Antoine', 'Maxime', 'Hugo', 'Lucas', 'Karim', 'Mehdi',
  'Jean-Marc', 'Jean-Pierre', 'Jean-Luc', 'Bruno', 'Didier', 'Gilles', 'Yannick', 'Cédric', 'Fabrice', 'Rémi',
] as const;

export const lastNames = [
  'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON',
  'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'BONNET', 'DUPONT',
  'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFÈVRE', 'FAURE', 'ANDRÉ', 'MERCIER', 'BLANC', 'GUÉRIN',
  'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA', 'PERRIN', 'ROBIN', 'CLÉMENT',
  'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON', 'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT',
  'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER', 'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE',
  'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD', 'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY',
  'LEROUX', 'COLIN', 'VIDAL', 'CARON', 'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMAS',
  'PAYET', 'HOAREAU', 'GRONDIN', 'FONTAINE', 'LEBRETON', 'TECHER', 'WEBER', 'KLEIN', 'SCHNEIDER', 'FISCHER',
  'HUBER', 'WALTER', 'KELLER', 'JACOB', 'BEN ALI', 'NGUYEN', 'DIALLO', 'CARPENTIER', 'LECLERC', 'LACROIX',
] as const;

export const streetTypes = ['rue', 'avenue', 'boulevard', 'place', 'chemin', 'allée', 'impasse', 'route'] as const;
export const streetNames = [
  'de la République', 'Jean Jaurès', 'Victor Hugo', 'du Général de Gaulle', 'Pasteur', 'de la Gare', 'Gambetta',
  'Jean Moulin', 'de la Liberté', 'Carnot', 'des Écoles', 'de Verdun', 'du 8 Mai 1945', 'de Paris', 'Émile Zola',
  'Jules Ferry', 'de la Mairie', 'du Marché', 'des Tilleuls', 'Nationale', 'Aristide Briand', 'Léon Blum',
  'Anatole France', 'Georges Clemenceau', 'du Maréchal Foch', 'Louise Michel', 'Simone Veil', 'des Lilas',
] as const;
