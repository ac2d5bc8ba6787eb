/**
 * Runs in the page (`page.evaluate(layoutProblems, [rootSelector, scrollingTables])`): one line per piece of text
 * that overlaps another or does not fit its box (layout-problems.js says how). Written in JavaScript because it uses
 * the DOM, which the server code's type-check does not include.
 */
export declare function layoutProblems(args: readonly [rootSelector: string, scrollingTables: boolean]): string[];
