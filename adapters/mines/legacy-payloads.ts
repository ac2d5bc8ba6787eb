import { z } from 'zod';

const legacyDatePattern = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/;

/** `14/03/2026 09:12` (Lomé time, UTC) → `2026-03-14T09:12:00Z`; anything else fails the payload. */
const legacyDate = z
  .string()
  .regex(legacyDatePattern, 'expected JJ/MM/AAAA HH:MM')
  .transform((text) => text.replace(legacyDatePattern, '$3-$2-$1T$4:$5:00Z'));

/** The dossier fields the adapter relies on (extra fields such as `LibelleEtat` are ignored). */
export const legacyDossier = z.object({
  NumeroDossier: z.string(),
  NuiDemandeur: z.string(),
  CodeProcedure: z.string(),
  CodeEtat: z.string(),
  DateDepot: legacyDate,
  DateMaj: legacyDate,
  RaisonSociale: z.string().nullish(),
  NifSociete: z.string().nullish(),
  RccmSociete: z.string().nullish(),
  Commune: z.string().nullish(),
  Localite: z.string().nullish(),
  FraisDossierFcfa: z.number().int().min(0),
  Substance: z.string().nullish(),
  Superficie: z.number().min(0).nullish(),
  UniteSuperficie: z.enum(['KM2', 'HA']).nullish(),
  Historique: z.array(z.object({ CodeEtat: z.string(), Date: legacyDate, Observation: z.string().nullish() })),
  PiecesDemandees: z.array(z.string()).default([]),
  PiecesRecues: z.array(z.object({ Nature: z.string(), TypeMime: z.string(), Taille: z.number().int().nonnegative(), Empreinte: z.string() })).default([]),
  RefExterne: z.string().nullish(),
});

export type LegacyDossier = z.infer<typeof legacyDossier>;

const success = <T extends z.ZodType>(donnees: T) => z.object({ Succes: z.literal(true), Donnees: donnees });

export const dossierPage = success(z.object({ Dossiers: z.array(legacyDossier), Total: z.number().int().min(0) }));
export const oneDossier = success(legacyDossier);
export const dossierList = success(z.object({ Dossiers: z.array(legacyDossier) }));
/** The files SIGEM holds for a dossier (`GET`/`POST /api/v2/dossiers/{AAAA}/{NNNNNN}/pieces`). */
export const pieceList = success(
  z.object({
    Pieces: z.array(z.object({ Nature: z.string(), NomFichier: z.string(), TypeMime: z.string(), Taille: z.number().int().nonnegative(), Empreinte: z.string().regex(/^[0-9a-f]{64}$/) })),
  }),
);

/** The error envelope, whatever the HTTP status (a technical error may come inside a 200). */
export const errorEnvelope = z.object({ Succes: z.literal(false), Erreur: z.object({ Code: z.string().optional(), Message: z.string().optional() }).optional() });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

/** `2026-03-14T09:12:31Z` → `14/03/2026 09:12` (the feed's `depuis` has minute precision: the minute is read again). */
export function legacyDateOf(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}
