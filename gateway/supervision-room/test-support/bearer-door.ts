import type { IncomingMessage } from 'node:http';
import type { DoorVerdict, StreamDoor } from '../stream-door.js';

export interface BearerDoorOptions {
  /** The principal a token stands for; default the token itself (one principal per token). */
  readonly principalOf?: (token: string) => string;
  /** What the door says instead of admitting, for the tokens it names. */
  readonly refuse?: (token: string | undefined) => DoorVerdict | undefined;
  /** Headers each read carries; default none. */
  readonly readHeaders?: () => Readonly<Record<string, string>>;
}

/**
 * A door for tests of the room alone (no gateway behind it to verify tokens): it admits any JWT-shaped bearer token —
 * the graph the room reads through still verifies it — and refuses the rest as the gateway's would.
 */
export function bearerDoor({ principalOf = (token) => token, refuse = () => undefined, readHeaders = () => ({}) }: BearerDoorOptions = {}): StreamDoor & { readonly admitted: string[] } {
  const admitted: string[] = [];
  return {
    admitted,
    async admit(req: IncomingMessage): Promise<DoorVerdict> {
      const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(req.headers.authorization ?? '')?.[1];
      const refusal = refuse(token);
      if (refusal) return refusal;
      if (token === undefined) return { kind: 'refused', code: 'UNAUTHENTICATED' };
      admitted.push(token);
      return { kind: 'admitted', caller: { principalKey: principalOf(token), readHeaders } };
    },
  };
}
