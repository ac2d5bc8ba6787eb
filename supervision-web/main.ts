import { byId } from './dom.js';
import { filterFromForm, filterFromLocation, lastDays, showFilter, writeFilterToLocation } from './filters.js';
import { openFiguresStream, type FiguresStream, type StreamEvent } from './figures-stream.js';
import { drillEvent } from './drill-down.js';
import { setUpPrintReport } from './print-report.js';
import { renderFigures } from './render-figures.js';
import { redrawEvent } from './volume-chart.js';
import { cleanToken, forgetToken, storedToken, storeToken } from './session.js';
import { setWallMode, wallModeFromLocation } from './wall-mode.js';
import { addressBeforeSignIn, bootSignIn, type RoomSignIn } from './sign-in/index.js';
import { systemLabels } from './ministry-labels.js';
import type { CatalogueProcedure, FiguresMessage, RoomFilter } from './overview.js';

/** The page's state: who is signed in, what is filtered, what was last shown. */
let token: string | undefined;
let filter: RoomFilter = filterFromLocation(addressBeforeSignIn());
/** The provider's sign-in, once booted (absent: a pasted token, which nothing renews). */
let roomSignIn: RoomSignIn | undefined;
let stream: FiguresStream | undefined;
let catalogue: readonly CatalogueProcedure[] = [];
const communes = new Set<string>();
let last: FiguresMessage | undefined;

const signInSection = byId('connexion');
const dashboard = byId('tableau');
const statusLine = byId('etat');
const alertLine = byId('alerte');
const signInError = byId('erreur-connexion');
const signOutButton = byId<HTMLButtonElement>('bouton-deconnexion');

type ConnectionState = 'deconnecte' | 'connexion' | 'direct' | 'perdu' | 'erreur';

function setStatus(state: ConnectionState, text: string): void {
  statusLine.dataset.etat = state;
  // Unchanged text is not written again: a status region re-announces whatever is written into it.
  if (statusLine.textContent !== text) statusLine.textContent = text;
}

function showAlert(text: string | undefined): void {
  alertLine.hidden = text === undefined;
  alertLine.textContent = text ?? '';
}

function showSignIn(message?: string): void {
  stream?.close();
  stream = undefined;
  token = undefined;
  // The next person to sign in must not glimpse figures read with another token.
  last = undefined;
  byId('synthese-conteneur').replaceChildren();
  byId('grille').replaceChildren();
  dashboard.hidden = true;
  signOutButton.hidden = true;
  signInSection.hidden = false;
  signInError.textContent = message ?? '';
  setStatus('deconnecte', 'Non connecté');
  byId('bouton-connexion').focus();
}

function connect(): void {
  if (!token) return;
  stream?.close();
  dashboard.dataset.filtre = JSON.stringify(filter);
  stream = openFiguresStream(filter, token, onStreamEvent);
}

function onStreamEvent(event: StreamEvent): void {
  switch (event.kind) {
    case 'connecting':
      setStatus('connexion', 'Connexion au flux en direct…');
      return;
    case 'open':
      setStatus('direct', 'En direct');
      return;
    case 'figures':
      last = event.message;
      catalogue = event.message.data.procedures ?? catalogue;
      for (const c of event.message.data.supervision.byCommune) communes.add(c.commune);
      showFilter(filter, catalogue, [...communes]);
      renderFigures(event.message, catalogue, filter);
      showAlert(incompleteNotice(event.message));
      setStatus('direct', 'En direct');
      return;
    case 'heartbeat':
      byId('fraicheur').dataset.verifie = event.readAt ?? '';
      return;
    case 'failure':
      // An expired token: renewed at once, and the stream reconnects with the new one (no sign-in asked).
      if (event.code === 'UNAUTHENTICATED' && roomSignIn && !storedToken()) {
        void roomSignIn.renewNow();
        return;
      }
      if (event.code === 'UNAUTHENTICATED' || event.code === 'FORBIDDEN') {
        forgetToken();
        showSignIn(event.code === 'UNAUTHENTICATED' ? 'Votre jeton a expiré ou a été refusé : reconnectez-vous.' : 'Ce jeton ne donne pas accès à la supervision.');
        return;
      }
      setStatus('erreur', event.fatal ? 'Flux arrêté' : 'Chiffres momentanément indisponibles');
      showAlert(
        event.fatal
          ? `Les chiffres ne peuvent pas être lus (${event.code}). Rechargez la page ou changez de filtre.`
          : `Les chiffres ne peuvent pas être lus pour l’instant (${event.code}) : les derniers reçus restent affichés, nouvelle tentative automatique.`,
      );
      return;
    case 'refused':
      if (event.status === 401 && roomSignIn && !storedToken()) {
        void roomSignIn.renewNow();
        return;
      }
      if (event.status === 401 || event.status === 403) {
        forgetToken();
        showSignIn(event.message);
      } else {
        setStatus('erreur', 'Filtre refusé');
        showAlert(event.message);
      }
      return;
    case 'lost':
      setStatus('perdu', `${event.reason === undefined ? 'Connexion perdue' : 'Flux refusé pour l’instant'} — nouvelle tentative dans ${Math.ceil(event.retryInMs / 1000)} s`);
      if (event.reason !== undefined) showAlert(event.reason);
      return;
  }
}

const systemNames: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(systemLabels).map(([system, label]) => [system, label.short]));

/** Says what is missing from these figures, if anything. */
function incompleteNotice(message: FiguresMessage): string | undefined {
  const { incomplete, unavailableSystems } = message.data.supervision;
  const notices: string[] = [];
  if (incomplete) {
    const names = unavailableSystems.map((s) => systemNames[s] ?? s).join(', ');
    notices.push(`Chiffres partiels : le flux ${names ? `de ${names} ` : ''}n’est pas encore chargé ou n’a pas répondu à la dernière lecture.`);
  }
  if (message.partial.length > 0) notices.push(`Une partie de la réponse manque (${message.partial.join(', ')}).`);
  return notices.length > 0 ? notices.join(' ') : undefined;
}

function applyFilter(next: RoomFilter): void {
  filter = next;
  writeFilterToLocation(filter);
  showFilter(filter, catalogue, [...communes]);
  connect();
}

byId<HTMLFormElement>('form-connexion').addEventListener('submit', (event) => {
  event.preventDefault();
  const field = byId<HTMLTextAreaElement>('jeton');
  const cleaned = cleanToken(field.value);
  if (!cleaned) {
    signInError.textContent = 'Ce texte ne ressemble pas à un jeton d’accès.';
    field.focus();
    return;
  }
  field.value = '';
  storeToken(cleaned);
  signIn(cleaned);
  // The form is gone: the first filter is where a keyboard user carries on.
  byId('f-ministere').focus();
});

signOutButton.addEventListener('click', () => {
  void roomSignIn?.signOut();
  forgetToken();
  showSignIn();
});

const filterForm = byId<HTMLFormElement>('filtres');
filterForm.addEventListener('change', (event) => {
  const next = filterFromForm();
  // A procedure of another ministry than the one just chosen would match nothing.
  if ((event.target as HTMLElement).id === 'f-ministere' && next.procedure && !catalogue.some((p) => p.code === next.procedure && (!next.ministry || p.ministryCode === next.ministry))) {
    const { procedure: _dropped, ...rest } = next;
    applyFilter(rest);
    return;
  }
  applyFilter(next);
});
filterForm.addEventListener('submit', (event) => event.preventDefault());
for (const button of filterForm.querySelectorAll<HTMLButtonElement>('button[data-jours]')) {
  button.addEventListener('click', () => {
    const days = Number(button.dataset.jours);
    const { from: _from, to: _to, ...rest } = filterFromForm();
    applyFilter(days > 0 ? { ...rest, ...lastDays(days) } : rest);
  });
}

byId('bouton-mur').addEventListener('click', () => {
  setWallMode(!document.documentElement.classList.contains('mur'), true);
  redraw();
});

/** Charts are drawn for their width: drawn again when it changes. */
let redrawTimer: number | undefined;
function redraw(): void {
  clearTimeout(redrawTimer);
  redrawTimer = window.setTimeout(() => last && !dashboard.hidden && renderFigures(last, catalogue, filter), 150);
}
window.addEventListener('resize', redraw);
document.addEventListener(redrawEvent, redraw);
setUpPrintReport();
// Drill-down (ministry → procedure → commune) and the way back up: the filter a control of the figures asks for.
document.addEventListener(drillEvent, (event) => applyFilter((event as CustomEvent<RoomFilter>).detail));

function signIn(value: string): void {
  token = value;
  signInSection.hidden = true;
  dashboard.hidden = false;
  signOutButton.hidden = false;
  showFilter(filter, catalogue, [...communes]);
  connect();
}

setWallMode(wallModeFromLocation(addressBeforeSignIn()), false);
const remembered = storedToken();
if (remembered) signIn(remembered);
else {
  showSignIn();
  void bootSignIn({ showRoom: signIn, showSignIn, wallMode: () => document.documentElement.classList.contains('mur') }).then((booted) => (roomSignIn = booted));
}
