import { h } from './dom.js';

/** Draws a chart for the width it really has, in CSS pixels, and the root font size (the wall mode enlarges it). */
export type DrawChart = (widthPx: number, remPx: number) => SVGSVGElement;

const waiting: { readonly slot: HTMLElement; readonly draw: DrawChart }[] = [];

/**
 * A place for a chart drawn once the section is in the page. Charts are drawn at their real width rather than
 * scaled from a fixed viewBox, so that their text keeps the page's type size on a phone as on a wall screen.
 */
export function chartSlot(draw: DrawChart): HTMLElement {
  const slot = h('div', { class: 'trace' });
  waiting.push({ slot, draw });
  return slot;
}

/** Draws every chart placed since the last call (call it after the sections are attached). */
export function drawCharts(): void {
  const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  for (const { slot, draw } of waiting.splice(0)) slot.replaceChildren(draw(Math.max(240, Math.floor(slot.clientWidth)), remPx));
}

let measuring: CanvasRenderingContext2D | null | undefined;

/**
 * The width of `text` in the page's own font, measured (a canvas measures with the fonts the page really has);
 * an average glyph estimate put labels over each other (« févr. 2024vr. 2024 ») or past the chart's edge.
 */
export function textWidth(text: string, fontPx: number, weight = 400): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * fontPx * 0.62;
  measuring.font = `${weight} ${fontPx}px ${getComputedStyle(document.body).fontFamily}`;
  return measuring.measureText(text).width;
}

/** Shortens a label to what `widthPx` holds at `fontPx`, measured; the full text stays in the element's `<title>`. */
export function fitText(text: string, widthPx: number, fontPx: number, weight = 600): string {
  if (textWidth(text, fontPx, weight) <= widthPx) return text;
  let length = text.length - 1;
  while (length > 1 && textWidth(`${text.slice(0, length).trimEnd()}…`, fontPx, weight) > widthPx) length -= 1;
  return `${text.slice(0, length).trimEnd()}…`;
}
