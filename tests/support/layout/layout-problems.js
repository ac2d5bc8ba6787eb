// @ts-check
/**
 * Runs in the page (page.evaluate): every drawn piece of text in `rootSelector` that overlaps another or does not
 * fit its box. Generic on purpose — no list of elements to keep up to date — so that a new chart or table is checked:
 * - each visible text node's boxes (Range.getClientRects), against every other text node's: overlap beyond 1 px;
 * - each SVG `<text>` against its `<svg>`'s box: drawn outside it is clipped;
 * - each element holding text directly, and each scrolling box (`.defilement`): scrollWidth > clientWidth means the
 *   text, or a table, is cut (a box that scrolls hides what is beyond its edge).
 * `scrollingTables`: a table wider than its box may scroll sideways inside it (a phone), rather than count as cut.
 * Returns one line per problem, naming the texts involved.
 *
 * @param {readonly [string, boolean]} args
 * @returns {string[]}
 */
export function layoutProblems([rootSelector, scrollingTables]) {
  const root = document.querySelector(rootSelector);
  if (!root) return [`${rootSelector} is missing`];
  const problems = [];
  const label = (node) => `«${(node.textContent ?? "").trim().slice(0, 40)}»`;
  const pieces = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.textContent ?? "").trim()) continue;
    const parent = node.parentElement;
    // What is not drawn (a folded table, a hidden section, a screen-reader-only text) has no box to collide.
    if (!parent || parent.closest("option, select, title, .visuellement-cache") || !parent.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0.5 && rect.height > 0.5) pieces.push({ node, rect });
  }
  for (let i = 0; i < pieces.length; i += 1) {
    const a = pieces[i];
    for (let j = i + 1; j < pieces.length; j += 1) {
      const b = pieces[j];
      if (a.node === b.node) continue;
      const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (x > 1 && y > 1) problems.push(`overlap: ${label(a.node)} and ${label(b.node)}`);
    }
  }
  for (const text of root.querySelectorAll("svg text")) {
    const svg = text.closest("svg").getBoundingClientRect();
    const box = text.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.left < svg.left - 1 || box.right > svg.right + 1 || box.top < svg.top - 1 || box.bottom > svg.bottom + 1) problems.push(`outside its chart: ${label(text)}`);
  }
  const holders = /* @__PURE__ */ new Set();
  for (const { node } of pieces) if (node.parentElement && !(node.parentElement instanceof SVGElement)) holders.add(node.parentElement);
  for (const element of [...holders, ...scrollingTables ? [] : root.querySelectorAll(".defilement")]) {
    const style = getComputedStyle(element);
    if (style.display === "inline" || style.display === "contents") continue;
    if (element.scrollWidth > element.clientWidth + 1) problems.push(`cut (scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}): ${label(element)}`);
  }
  return [...new Set(problems)];
}
