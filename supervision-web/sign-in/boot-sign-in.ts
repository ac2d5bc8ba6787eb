import { byId } from '../dom.js';
import { createRoomSignIn, type DeviceCodeView, type RoomSignIn } from './room-sign-in.js';

export interface BootOptions {
  /** Shows the figures read with this access token (a first sign-in, or a renewal: the stream reconnects). */
  readonly showRoom: (accessToken: string) => void;
  /** Shows the sign-in section with a French message. */
  readonly showSignIn: (message?: string) => void;
  /** Whether the page is in wall-screen mode (`?mur=1`). */
  readonly wallMode: () => boolean;
}

function showDeviceCode(view: DeviceCodeView | undefined): void {
  const box = byId('code-ecran');
  box.hidden = view === undefined;
  if (view === undefined) return;
  byId('code-ecran-valeur').textContent = view.userCode;
  byId('code-ecran-adresse').textContent = view.verificationUri;
}

/**
 * Wires the sign-in section: « Se connecter » (the provider's login page), « Connecter cet écran mural » (the device
 * grant, started by itself in wall-screen mode: nobody stands at a wall screen), and resumes this tab's session.
 * Returns the sign-in, for the page to renew or end it.
 */
export async function bootSignIn(options: BootOptions): Promise<RoomSignIn> {
  let screenWaiting = false;
  const startScreen = () => {
    if (screenWaiting) return;
    screenWaiting = true;
    void signIn.signInScreen(showDeviceCode).finally(() => {
      screenWaiting = false;
    });
  };
  const signIn: RoomSignIn = await createRoomSignIn({
    onToken: (accessToken) => {
      showDeviceCode(undefined);
      options.showRoom(accessToken);
    },
    onEnded: (message, kind) => {
      options.showSignIn(message);
      if (kind === 'screen' || options.wallMode()) startScreen();
    },
  });
  const personButton = byId<HTMLButtonElement>('bouton-connexion');
  const screenButton = byId<HTMLButtonElement>('bouton-ecran');
  personButton.hidden = !signIn.available;
  screenButton.hidden = !signIn.deviceGrant;
  personButton.addEventListener('click', () => void signIn.signIn());
  screenButton.addEventListener('click', startScreen);
  if (!(await signIn.resume()) && options.wallMode() && signIn.deviceGrant) startScreen();
  return signIn;
}
