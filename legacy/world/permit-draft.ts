import { seededArchitects } from './architects.js';
import { permitFlow } from './flows.js';
import type { Random } from './random.js';
import type { PermitApplication } from './types.js';

const missingDocumentChoices = ['Plan de masse signé', 'Étude de sol', 'Attestation d’inscription de l’architecte à l’Ordre', 'Quittance des frais de dossier'];

export interface PermitPlot {
  readonly niu: string;
  readonly commune: string;
  readonly quarter: string;
  readonly landTitle: string;
  /** When the application was filed. */
  readonly startMs: number;
}

/** A building-permit application for a plot, filed by a registered architect, walked up to the world's today. */
export function permitDraft(random: Random, plot: PermitPlot, nowMs: number): Omit<PermitApplication, 'numero'> {
  const missing = random.chance(0.14);
  const architect = random.pick(seededArchitects);
  const history = permitFlow(random, plot.startMs, nowMs, missing);
  const projectKind = random.weighted([
    ['MAISON_INDIVIDUELLE', 60],
    ['IMMEUBLE_R+1', 18],
    ['IMMEUBLE_R+2', 6],
    ['COMMERCE', 8],
    ['CLOTURE', 8],
  ] as const);
  return {
    niu: plot.niu,
    externalReference: null,
    landTitle: plot.landTitle,
    architectRegistration: architect.registration,
    architectName: architect.name,
    commune: plot.commune,
    quarter: plot.quarter,
    projectKind,
    floorAreaM2: projectKind === 'CLOTURE' ? 0 : random.int(60, projectKind.startsWith('IMMEUBLE') ? 900 : 320),
    levels: projectKind === 'IMMEUBLE_R+2' ? 3 : projectKind === 'IMMEUBLE_R+1' ? 2 : 1,
    history,
    missingDocuments: history.at(-1)?.status === 'PIECES_MANQUANTES' || missing ? [random.pick(missingDocumentChoices)] : [],
  };
}
