import { bodyNames, communeNames, ministryShortNames } from './ministry-labels.js';
/** French formatting of the room's figures; a missing figure (no decided dossier yet…) is shown as a dash. */

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });
// Togo keeps UTC+0 all year.
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Africa/Lome' });
const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'medium', timeZone: 'Africa/Lome' });
const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export const dash = '—';

export const formatInt = (value: number | null | undefined): string => (value == null ? dash : integer.format(value));
export const formatDays = (value: number | null | undefined): string => (value == null ? dash : `${oneDecimal.format(value)} j`);
export const formatShare = (value: number | null | undefined): string => (value == null ? dash : percent.format(value));
export const formatMs = (value: number | null | undefined): string => (value == null ? dash : `${integer.format(value)} ms`);
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : dash);
export const formatTime = (iso: string | null | undefined): string => (iso ? time.format(new Date(iso)) : dash);

/** `2026-11-03` → `3 nov. 2026`. */
export const formatDay = (isoDay: string): string => day.format(new Date(`${isoDay}T00:00:00Z`));
export const formatShortDay = (isoDay: string): string => shortDay.format(new Date(`${isoDay}T00:00:00Z`));
export const formatMonth = (isoDay: string): string => month.format(new Date(`${isoDay}T00:00:00Z`));
export const formatShortMonth = (isoDay: string): string => shortMonth.format(new Date(`${isoDay}T00:00:00Z`));

/** Normalized dossier statuses, as the portal names them. */
export const statusLabels: Readonly<Record<string, string>> = {
  QUEUED: 'En file (non transmis)',
  SUBMITTED: 'Déposé',
  IN_PROGRESS: 'En cours d’instruction',
  ACTION_REQUIRED: 'En attente du citoyen',
  APPROVED: 'Accordé',
  COMPLETED: 'Terminé',
  REJECTED: 'Rejeté',
};

export { ministryShortNames };

export const ministryLabel = (code: string): string => ministryShortNames[code] ?? code;

/** A commune's name (`GOLFE1` → « Golfe 1 »); an unknown code as it is. */
export const communeLabel = (code: string): string => communeNames[code] ?? code;

/** A handling body's name by code; an unknown code as it is. */
export const bodyLabel = (code: string): string => bodyNames[code] ?? code;

const signedInteger = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** A change against the previous period, in words a screen reader reads well: `+12`, `−3,5 j`, `+2,1 pts`. */
export function formatDelta(delta: number | null, unit: 'nombre' | 'jours' | 'points'): string {
  if (delta === null) return dash;
  if (unit === 'nombre') return signedInteger.format(delta);
  if (unit === 'jours') return `${signedDecimal.format(delta)} j`;
  return `${signedDecimal.format(delta * 100)} pts`;
}
