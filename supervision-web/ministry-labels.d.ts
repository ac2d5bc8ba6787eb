/**
 * The room's names for the ministries and their systems. The page is built apart from the server code, so the build
 * writes this module (`dist/supervision-web/ministry-labels.js`) from the ministry registry (`schema/ministries.ts`:
 * each row's `shortName` and `system.roomLabel`; see scripts/web-labels): there is no copy to keep here. Unknown codes
 * are shown as they are.
 */

/** Short ministry names for tight places (the catalogue gives the full ones), by `MinistryCode`. */
export declare const ministryShortNames: Readonly<Record<string, string>>;

/** Each legacy system: its short name (notices) and its name with what it serves (health table). */
export declare const systemLabels: Readonly<Record<string, { readonly short: string; readonly long: string }>>;

/** Commune names by registry code (`GOLFE1` → « Golfe 1 »), from schema/communes.ts. */
export declare const communeNames: Readonly<Record<string, string>>;

/** Handling bodies' names by code (`ARSE` → its full name), from schema/handling-bodies.ts. */
export declare const bodyNames: Readonly<Record<string, string>>;
