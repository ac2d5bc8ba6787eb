import { z } from 'zod';

/**
 * RNEC's payloads as node-soap hands them over, checked before use. A repeated element arrives as one value or
 * an array depending on the schema and the count, an absent one as undefined: `list` accepts all three.
 */
const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]), z.array(item));
/** An optional text element: absent, `<X/>` (null or '') or text. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));

export const personneSchema = z.object({
  NIU: z.string(),
  NOM: z.string(),
  PRENOMS: z.string(),
  SEXE: z.enum(['M', 'F']),
  DATE_NAISSANCE: z.string(),
  COMMUNE_NAISSANCE: z.string(),
  NUMERO_ACTE_NAISSANCE: optionalText,
  NIU_CONJOINT: optionalText,
  DATE_DECES: optionalText,
});

export const acteSchema = z.object({
  NUMERO_ACTE: z.string(),
  TYPE_ACTE: z.enum(['N', 'M', 'D']),
  DATE_EVENEMENT: z.string(),
  COMMUNE: z.string(),
  NIU_CONCERNE: list(z.string()),
});

export const rnecStatuses = ['RECUE', 'EN_VERIFICATION', 'SIGNEE', 'DISPONIBLE', 'REJETEE'] as const;
export type RnecStatus = (typeof rnecStatuses)[number];

const etapeSchema = z.object({ STATUT: z.enum(rnecStatuses), DATE: z.string(), HEURE: z.string(), COMMENTAIRE: optionalText });

export const demandeSchema = z.object({
  NUMERO_DEMANDE: z.string(),
  NIU_DEMANDEUR: z.string(),
  NUMERO_ACTE: z.string(),
  TYPE_ACTE: z.enum(['N', 'M', 'D']),
  NOMBRE_COPIES: z.number().int(),
  REFERENCE_EXTERNE: optionalText,
  STATUT: z.enum(rnecStatuses),
  COMMUNE_RETRAIT: z.string(),
  DATE_DEPOT: z.string(),
  HEURE_DEPOT: z.string(),
  DATE_MAJ: z.string(),
  HEURE_MAJ: z.string(),
  HISTORIQUE: z.object({ ETAPE: list(etapeSchema) }),
});

/** A piece RNEC holds for a copy request (`ListerPieces`, `DeposerPieces`); TAILLE and EMPREINTE are of the decoded bytes. */
export const pieceSchema = z.object({
  NATURE: z.string(),
  NOM_FICHIER: z.string(),
  TYPE_MIME: z.string(),
  TAILLE: z.number().int().nonnegative(),
  EMPREINTE: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Personne = z.infer<typeof personneSchema>;
export type Acte = z.infer<typeof acteSchema>;
export type Demande = z.infer<typeof demandeSchema>;

/** The pair on every RNEC response: `OK`, or an error reported inside an HTTP 200. */
export const retourSchema = z.object({ CODE_RETOUR: z.string(), MESSAGE_RETOUR: optionalText });

/** Response bodies, by shape. */
export const responses = {
  personne: z.object({ PERSONNE: personneSchema }),
  personnes: z.object({ PERSONNE: list(personneSchema), INTROUVABLES: z.object({ NIU: list(z.string()) }).nullish() }),
  acte: z.object({ ACTE: acteSchema }),
  actes: z.object({ ACTE: list(acteSchema) }),
  demande: z.object({ DEMANDE: demandeSchema }),
  demandes: z.object({ DEMANDE: list(demandeSchema) }),
  pieces: z.object({ PIECE: list(pieceSchema) }),
};

/** A SOAP 1.1 Fault as node-soap parses it (`error.root`); the detail carries RNEC's own code. */
export const faultRootSchema = z.object({
  Envelope: z.object({
    Body: z.object({
      Fault: z.object({
        faultcode: z.string(),
        faultstring: z.string().nullish(),
        detail: z.unknown(),
      }),
    }),
  }),
});

export const faultDetailSchema = z.object({ ERREUR: z.object({ CODE_ERREUR: z.string(), MESSAGE_ERREUR: optionalText }) });
