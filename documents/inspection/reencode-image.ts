import sharp from 'sharp';
import { DocumentRefusal } from './document-refusal.js';

/** A scan at 600 dpi of an A3 page is about 35 megapixels; more is a decompression bomb, not a document. */
const maxInputPixels = 50_000_000;

/**
 * Decodes the image whole and encodes it again in the same format: what is stored is new pixels only, without the
 * original's metadata (EXIF, GPS position), comments, trailing bytes or any payload hidden in its chunks. A truncated
 * or corrupt image fails to decode (`failOn: 'warning'`: libvips' warnings on premature ends count) and is refused.
 */
export async function reencodeImage(bytes: Uint8Array, mediaType: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  try {
    // rotate(): apply the EXIF orientation to the pixels, since the metadata that carried it is dropped.
    const image = sharp(bytes, { failOn: 'warning', limitInputPixels: maxInputPixels }).rotate();
    return await (mediaType === 'image/jpeg' ? image.jpeg({ quality: 90 }) : image.png()).toBuffer();
  } catch (error) {
    throw new DocumentRefusal('DOCUMENT_UNREADABLE', `image does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
}
