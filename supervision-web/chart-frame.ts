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

/** Shortens a label to what `widthPx` holds at `fontPx` (an average glyph is about 0.55 em wide). */
export function fitText(text: string, widthPx: number, fontPx: number): string {
  const fits = Math.floor(widthPx / (fontPx * 0.55));
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1)).trimEnd()}…`;
}
