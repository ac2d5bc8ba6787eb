import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';

/** Sample files for the checks' tests, made here (nothing downloaded): real formats, built by real encoders. */

/** A one-page PDF with a line of text. `useObjectStreams`: pdf-lib's default, objects compressed into streams. */
export async function cleanPdf(useObjectStreams = true): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage([595, 842]).drawText('Plan de situation — parcelle 1234, Kara');
  return Buffer.from(await document.save({ useObjectStreams }));
}

/** A PDF that runs JavaScript when opened (`/OpenAction` → `/S /JavaScript /JS (…)`), inside an object stream. */
export async function pdfWithJavaScript(useObjectStreams = true): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  const action = document.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("hello")') });
  document.catalog.set(PDFName.of('OpenAction'), document.context.register(action));
  return Buffer.from(await document.save({ useObjectStreams }));
}

/**
 * A PDF whose catalog carries `/#4a#53` — `/JS` written with lower-case hex escapes, as a reader decodes it and as
 * pdf-lib does not. Built uncompressed with a placeholder name of the same length, then the bytes swapped in place.
 */
export async function pdfWithEscapedJsName(): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.addPage();
  document.catalog.set(PDFName.of('XXXXXX'), PDFString.of('app.alert(1)'));
  const text = Buffer.from(await document.save({ useObjectStreams: false })).toString('latin1');
  return Buffer.from(text.replace('/XXXXXX', '/#4a#53'), 'latin1');
}

export async function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();
}

export async function jpegImage(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .withMetadata({ exif: { IFD0: { ImageDescription: 'hidden-exif-payload' } } })
    .jpeg()
    .toBuffer();
}

/** A JPEG cut in the middle of its scan data, as an interrupted transfer leaves it. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
    .jpeg()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A Windows executable's header (MZ, then the PE signature where e_lfanew points), saved under a `.pdf` name. */
export function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84);
  return bytes;
}

/** An ELF executable's header. */
export function linuxExecutable(): Buffer {
  const bytes = Buffer.alloc(128);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(bytes);
  return bytes;
}
