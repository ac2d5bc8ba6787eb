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
