import type { AxiosInstance } from 'axios';
import soap, { type Client, type IOptions } from 'soap';
import type { z } from 'zod';
import { AdapterError, checkSoapValues, guardXmlResponses, isRefusedPayload, parsePayload, refuseWsdlImports, statusError, transportError, type CallPolicy } from '../shared/index.js';
import { rnecCodeError, soapCallError } from './rnec-errors.js';
import { retourSchema } from './rnec-payloads.js';

const rnecOperations = [
  'ConsulterPersonne',
  'ConsulterPersonnes',
  'ListerActes',
  'ConsulterActe',
  'DemanderCopieActe',
  'SuivreDemande',
  'RechercherDemandeParReferenceExterne',
  'ListerDemandes',
  'ListerDemandesModifiees',
  'DeposerPieces',
  'ListerPieces',
] as const;

export type RnecOperation = (typeof rnecOperations)[number];

/** A file sent as an MTOM part: node-soap writes it after the envelope, which names it by `xop:Include`. */
export interface MtomAttachment {
  readonly contentId: string;
  readonly bytes: Buffer;
}

export interface RnecCallOptions {
  readonly idempotent: boolean;
  /** Send as MTOM (`multipart/related`) with these parts, rather than a plain envelope. */
  readonly mtom?: readonly MtomAttachment[];
  /** Largest request body for this call, in bytes (uploads): default the client's cap. */
  readonly maxRequestBytes?: number;
}

/** One RNEC call: typed args in, checked payload out, every failure an AdapterError. */
export interface RnecSoapClient {
  call<S extends z.ZodType>(operation: RnecOperation, args: Record<string, unknown>, schema: S, options: RnecCallOptions): Promise<z.infer<S>>;
}

type SoapAsyncMethod = (args: Record<string, unknown>, options: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;

/**
 * node-soap client for RNEC, built once from the WSDL (lazily, on the first call; a failed build is retried by
 * the next call). The WSDL is fetched with the same axios instance inside the caller's policy, so a down,
 * overloaded or slow registry is classified the same way as for any operation; node-soap then parses it.
 * Hygiene: every answer on `http` (WSDL included) is refused before parsing if it declares a DTD or entities;
 * every value is checked before node-soap escapes it into the envelope (see checkSoapValues).
 */
export function createRnecSoapClient({ url, http, policy }: { url: string; http: AxiosInstance; policy: CallPolicy }): RnecSoapClient {
  guardXmlResponses(http);
  let client: Promise<Client> | undefined;
  const clientFor = (operation: string, signal: AbortSignal): Promise<Client> => {
    if (client) return client;
    const attempt = loadClient(url, http, operation, signal);
    client = attempt;
    attempt.catch(() => {
      if (client === attempt) client = undefined;
    });
    return attempt;
  };

  return {
    async call(operation, args, schema, { idempotent, mtom, maxRequestBytes }) {
      checkSoapValues('rnec', operation, args);
      // node-soap hands these to axios (its buildRequest copies unknown options onto the request): `forceMTOM` and
      // `attachments` make it write multipart/related; a part's body must be a Buffer (it calls Buffer.from on it).
      // Part names and types are fixed here, never a caller's file name: they are written into MIME headers as is.
      const transport = {
        ...(mtom ? { forceMTOM: true, attachments: mtom.map((a) => ({ name: a.contentId, contentId: a.contentId, mimetype: 'application/octet-stream', body: a.bytes })) } : {}),
        ...(maxRequestBytes !== undefined ? { maxBodyLength: maxRequestBytes } : {}),
      };
      return policy.execute(
        async (signal) => {
          const soapClient = await clientFor(operation, signal);
          let result: unknown;
          try {
            // Per-call options reach axios: the policy's signal aborts the HTTP request on timeout.
            [result] = await asyncMethod(soapClient, operation).call(soapClient, args, { signal, ...transport });
          } catch (error) {
            throw soapCallError(operation, error);
          }
          const retour = parsePayload('rnec', operation, retourSchema, result);
          if (retour.CODE_RETOUR !== 'OK') throw rnecCodeError(operation, retour.CODE_RETOUR, retour.MESSAGE_RETOUR);
          return parsePayload('rnec', operation, schema, result);
        },
        { operation, idempotent },
      );
    },
  };
}

/** Checked when the client is built, so this never fails afterwards. */
function asyncMethod(client: Client, operation: RnecOperation): SoapAsyncMethod {
  return (client as unknown as Record<string, SoapAsyncMethod>)[`${operation}Async`] as SoapAsyncMethod;
}

async function loadClient(url: string, http: AxiosInstance, operation: string, signal: AbortSignal): Promise<Client> {
  const wsdlUrl = new URL(url);
  wsdlUrl.search = 'wsdl';
  let status: number;
  let body: string;
  let headers: Record<string, string>;
  try {
    const response = await http.get<string>(wsdlUrl.href, { signal });
    status = response.status;
    body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    headers = Object.fromEntries(Object.entries(response.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch (error) {
    throw transportError('rnec', operation, error);
  }
  if (status !== 200) throw statusError('rnec', operation, { status, headers, body });
  // The shared axios instance carries every call; our own cache is the client, not node-soap's global one.
  // (node-soap's typings see axios's CommonJS declarations, ours the ESM ones: same object, two type identities.)
  // escapeXML is node-soap's default, pinned: checkSoapValues relies on it.
  const options: IOptions = { request: http as unknown as NonNullable<IOptions['request']>, endpoint: url, disableCache: true, escapeXML: true };
  try {
    refuseWsdlImports(body);
    const wsdl = new soap.WSDL(body, wsdlUrl.href, options);
    await new Promise<void>((resolve, reject) => wsdl.onReady((error) => (error ? reject(error) : resolve())));
    const client = new soap.Client(wsdl, url, options);
    // node-soap parses a cut or garbled WSDL without complaint: insist on every operation we call.
    const missing = rnecOperations.filter((operation) => typeof (client as unknown as Record<string, unknown>)[`${operation}Async`] !== 'function');
    if (missing.length > 0) throw new Error(`operations missing: ${missing.join(', ')}`);
    return client;
  } catch (error) {
    if (isRefusedPayload(error)) throw transportError('rnec', operation, error);
    const message = error instanceof Error ? error.message : 'unreadable';
    throw new AdapterError({ code: 'BAD_BACKEND_RESPONSE', system: 'rnec', operation, retryable: true, message: `unreadable WSDL: ${message}`, cause: error });
  }
}
