import { z } from 'zod';
import { ceetStatuses } from './states.js';

/** `"125 000"` (space, or the no-break spaces some CEET exports use) → 125000; anything else is an issue. */
export const montant = z.string().transform((value, ctx) => {
  if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})*$|^\d+$/.test(value)) return Number(value.replace(/\D/g, ''));
  ctx.issues.push({ code: 'custom', message: `not a CEET amount: ${JSON.stringify(value.slice(0, 30))}`, input: value });
  return z.NEVER;
});

/** Local time `aaaa-mm-jj hh:mm:ss` (Africa/Lome = UTC, no DST) → ISO instant `…Z`; impossible dates are issues. */
export const horodatage = z.string().transform((value, ctx) => {
  const iso = `${value.replace(' ', 'T')}Z`;
  const ms = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? Date.parse(iso) : Number.NaN;
  // Date.parse accepts 2026-02-30; a round trip does not.
  if (!Number.isNaN(ms) && new Date(ms).toISOString() === iso.replace('Z', '.000Z')) return iso;
  ctx.issues.push({ code: 'custom', message: `not a CEET timestamp: ${JSON.stringify(value.slice(0, 30))}`, input: value });
  return z.NEVER;
});

/** A known numeric status code; an unknown one means CEET changed under us. */
export const statut = z
  .number()
  .int()
  .refine((code) => ceetStatuses.has(code), { message: 'unknown CEET status code' });

/** A file CEET holds for a request (`GET`/`POST /v1/demandes/{numero}/pieces`, and `piecesJointes` in the request). */
export const pieceJointeSchema = z.object({
  nature: z.string(),
  nomFichier: z.string(),
  typeMime: z.string(),
  taille: z.number().int().nonnegative(),
  empreinte: z.string().regex(/^[0-9a-f]{64}$/),
});

export const demandeSchema = z.object({
  numero: z.string().regex(/^\d{4}-\d{6}$/),
  niuDemandeur: z.string().regex(/^\d{12}$/),
  statut,
  dateDepot: horodatage,
  dateMaj: horodatage,
  typeCompteur: z.enum(['MONO', 'TRI']),
  commune: z.string().min(1),
  quartier: z.string(),
  titreFoncier: z.string().nullish(),
  nombreAppareils: z.number().int().min(0),
  fraisDossier: montant,
  montantDevis: montant.nullish(),
  referenceExterne: z.string().nullish(),
  historique: z.array(z.object({ statut, date: horodatage })),
  /** Absent until CEET received a first file for the request. */
  piecesJointes: z.array(pieceJointeSchema).default([]),
});

export type DemandePayload = z.infer<typeof demandeSchema>;

export const pagePayload = z.object({ total: z.number().int().min(0), demandes: z.array(demandeSchema) });
export const listPayload = z.object({ demandes: z.array(demandeSchema) });
export const piecesPayload = z.object({ numero: z.string(), pieces: z.array(pieceJointeSchema) });
export const santePayload = z.object({ statut: z.string() });

/** CEET's error body (`{erreur, message}`), also inside a 200 with `succes: false`. */
export const errorPayload = z.object({ erreur: z.string(), message: z.string().optional() });
export const errorIn200Payload = errorPayload.extend({ succes: z.literal(false) });
