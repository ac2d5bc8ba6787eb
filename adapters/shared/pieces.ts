/**
 * Supporting documents at a legacy system (« pièces »): what every ministry's adapter speaks when it forwards the
 * files of an application, whatever the wire (REST multipart, SOAP base64 or MTOM). One port, so that the
 * forwarder that sends an application's files exactly once is one piece for every ministry.
 */

/** A file a legacy system holds for a dossier: the kind it was sent as, and the sha256 of the bytes it received. */
export interface ReceivedPiece {
  readonly kind: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** A file to send to a legacy system: named after its kind, as the ministries file pieces by nature. */
export interface PieceToSend {
  readonly kind: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** A file a legacy system holds for a dossier, as the dossier shows it. */
export interface FiledDocument {
  readonly kind: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
}

/** The two operations an adapter offers for pieces. Sending is not idempotent at any ministry: list first. */
export interface PiecesPort {
  /** The files the system holds for a dossier: NOT_FOUND for an unknown reference. */
  listPieces(reference: string): Promise<readonly ReceivedPiece[]>;
  /** Sends files to a dossier in one call. The systems keep a file sent twice: callers list first. */
  sendPieces(reference: string, files: readonly PieceToSend[]): Promise<readonly ReceivedPiece[]>;
}
