/** Name lists for the seeded world (Ewe, Mina, Kabyè, Tem, Moba and others). */
export const lastNames = [
  'AGBEKO', 'AMEGAH', 'KOFFI', 'MENSAH', 'ADJOVI', 'DOSSOU', 'KPODAR', 'LAWSON', 'AKAKPO', 'AMOUZOU', 'ESSO',
  'KPATCHA', 'PAKA', 'TCHALLA', 'BATAKA', 'KODJO', 'AYIVI', 'AGBODJAN', 'ATAYI', 'SOSSOU', 'FOLLY', 'DJOSSOU', 'EKLU',
  'HOUNKPATI', 'ABALO', 'BAWA', 'TCHAGNAO', 'ALI', 'WIYAO', 'ADZRAKU', 'AGBENOU', 'ALOGNON', 'AMEDEGNATO', 'APEDO',
  'ATSOU', 'BOUKARI', 'DJOBO', 'GBADOE', 'GNAKADE', 'KANGNI', 'KARA', 'KOLANI', 'KOMBATE', 'LARE', 'LOGOSSOU',
  'NABINE', 'OURO-AGORO', 'SAMA', 'SEDJRO', 'TAGBA', 'TCHEDRE', 'TOGBE', 'TOSSOU', 'YAO', 'ZINSOU', 'AGBO', 'KUEVI',
  'DOGBE', 'ASSIH', 'KPOGO', 'TETTEH', 'NYAKU', 'ABOTSI', 'SOGLO', 'DZAKPASU', 'TCHAKPELE', 'MOUMOUNI', 'IDRISSOU',
];

export const maleFirstNames = [
  'Kossi', 'Kodjo', 'Komla', 'Yao', 'Kwami', 'Koffi', 'Kokou', 'Edem', 'Mawuli', 'Elom', 'Esso', 'Essowè', 'Kodjovi',
  'Atsu', 'Sitsofe', 'Essozimna', 'Ibrahim', 'Moussa', 'Kossivi', 'Pidalatan', 'Tchilabalo', 'Komi', 'Akoété',
  'Folly', 'Mensavi', 'Yawovi', 'Kwasi', 'Dodji', 'Sénam', 'Abdou-Razak', 'Latif', 'Jean-Pierre', 'Emmanuel',
  'Christophe', 'Patrice', 'Séverin', 'Gérard', 'Eric', 'Fabrice', 'Pascal',
];

export const femaleFirstNames = [
  'Akouvi', 'Ablavi', 'Afi', 'Ama', 'Abla', 'Adjoa', 'Akossiwa', 'Essi', 'Dzifa', 'Yawa', 'Mawussi', 'Délali',
  'Amivi', 'Enyonam', 'Kafui', 'Sena', 'Aïcha', 'Fati', 'Rachida', 'Massan', 'Ayélé', 'Kayi', 'Abra', 'Akpénè',
  'Essozinam', 'Pélagie', 'Afiwa', 'Mawuéna', 'Nadia', 'Bernadette', 'Elisabeth', 'Victoire', 'Joséphine',
  'Florence', 'Grâce', 'Pascaline', 'Rosine', 'Yvette', 'Estelle', 'Mariam',
];

export const architectNames = [
  'Cabinet AGBEKO & Associés', 'Atelier KPODAR', 'Studio LAWSON Architecture', 'Cabinet TCHALLA', 'Agence DOSSOU',
  'Atelier AMEGAH', 'Cabinet BATAKA Conseil', 'Agence EKLU Design', 'Cabinet KOMBATE', 'Atelier ZINSOU',
  'Cabinet SAMA & Fils', 'Agence APEDO', 'Atelier GNAKADE', 'Cabinet LOGOSSOU', 'Agence TOSSOU Archi',
];
