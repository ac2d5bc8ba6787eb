import { RequiresScopes, Scopes } from './requires-scopes.js';

/** Who may read dossiers (the row-level rules then narrow it to their own, or their ministry's). */
export const DossierReaders = () => RequiresScopes(Scopes.citizenSelf, Scopes.anyAgent, Scopes.readDossiers);

/**
 * Who may read a ministry's dossier type: the readers, and a filer for the receipt of its own filing only
 * (`receiptOnlyScopes`). Row-level rules then narrow it (their own dossiers, their ministry's).
 */
export const DossierRecordReaders = () => RequiresScopes(Scopes.citizenSelf, Scopes.anyAgent, Scopes.readDossiers, Scopes.writeDossiers);

/** Who may file a dossier (for themself, or an integrator allowed to write). */
export const DossierFilers = () => RequiresScopes(Scopes.citizenSelf, Scopes.writeDossiers);

/** Who may list a citizen's dossiers (the citizen, or an integrator allowed to read dossiers). */
export const CitizenDossierListReaders = () => RequiresScopes(Scopes.citizenSelf, Scopes.readDossiers);
