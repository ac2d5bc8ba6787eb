import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanPdf, jpegImage, linuxExecutable, pdfWithEscapedJsName, pdfWithJavaScript, pngImage, truncatedJpeg, windowsExecutable } from '../test-support/sample-files.js';
import { DocumentRefusal } from './document-refusal.js';
import { inspectDocument } from './inspect-document.js';

async function refusalOf(promise: Promise<unknown>): Promise<DocumentRefusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentRefusal);
  return error as DocumentRefusal;
}

describe('inspectDocument', () => {
  it.each([true, false])('accepts a clean PDF as it is (object streams: %s)', async (objectStreams) => {
    const pdf = await cleanPdf(objectStreams);
    const inspected = await inspectDocument('SITE_PLAN', pdf);
    expect(inspected.mediaType).toBe('application/pdf');
    expect(inspected.bytes.equals(pdf)).toBe(true);
    expect(inspected.size).toBe(pdf.length);
    expect(inspected.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([true, false])('refuses a PDF that runs JavaScript on opening (object streams: %s)', async (objectStreams) => {
    const refusal = await refusalOf(inspectDocument('SITE_PLAN', await pdfWithJavaScript(objectStreams)));
    expect(refusal.code).toBe('DOCUMENT_ACTIVE_CONTENT');
    expect(refusal.status).toBe(422);
    expect(refusal.reason).toMatch(/OpenAction|JavaScript|JS/);
  });

  it('decodes lower-case hex escapes in names, as readers do: /#4a#53 is /JS', async () => {
    const refusal = await refusalOf(inspectDocument('SITE_PLAN', await pdfWithEscapedJsName()));
    expect(refusal.code).toBe('DOCUMENT_ACTIVE_CONTENT');
    expect(refusal.reason).toBe('PDF carries /JS');
  });

  it('refuses a PDF cut short or garbled as unreadable', async () => {
    const refusal = await refusalOf(inspectDocument('SITE_PLAN', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('1 0 obj << /Type /Catalog /Pages 2 0 R')])));
    expect(refusal.code).toBe('DOCUMENT_UNREADABLE');
  });

  it('re-encodes a JPEG: new bytes, its EXIF metadata gone, the pixels kept', async () => {
    const original = await jpegImage();
    expect(original.includes('hidden-exif-payload')).toBe(true);
    const inspected = await inspectDocument('IDENTITY_DOCUMENT', original);
    expect(inspected.mediaType).toBe('image/jpeg');
    expect(inspected.bytes.includes('hidden-exif-payload')).toBe(false);
    expect(await sharp(inspected.bytes).metadata()).toMatchObject({ width: 64, height: 48, format: 'jpeg' });
  });

  it('re-encodes a PNG: bytes appended after its end are not stored', async () => {
    const payload = Buffer.from('<?php system($_GET["c"]); ?>');
    const inspected = await inspectDocument('IDENTITY_DOCUMENT', Buffer.concat([await pngImage(), payload]));
    expect(inspected.mediaType).toBe('image/png');
    expect(inspected.bytes.includes(payload)).toBe(false);
  });

  it('refuses a truncated image as unreadable', async () => {
    const refusal = await refusalOf(inspectDocument('IDENTITY_DOCUMENT', await truncatedJpeg()));
    expect(refusal.code).toBe('DOCUMENT_UNREADABLE');
  });

  it.each([
    ['a Windows executable', windowsExecutable()],
    ['a Linux executable', linuxExecutable()],
    ['plain text', Buffer.from('Ceci est un plan, promis.')],
  ])('refuses %s by its bytes, whatever it is called', async (_label, bytes) => {
    const refusal = await refusalOf(inspectDocument('SITE_PLAN', bytes));
    expect(refusal.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(refusal.status).toBe(415);
    expect(refusal.details.allowed).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });

  it('refuses an image for a kind that must be a PDF, naming what is accepted', async () => {
    const refusal = await refusalOf(inspectDocument('ENVIRONMENTAL_IMPACT_STUDY', await pngImage()));
    expect(refusal.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(refusal.message).toContain('PDF');
    expect(refusal.details).toMatchObject({ allowed: ['application/pdf'], detected: 'image/png' });
  });
});
