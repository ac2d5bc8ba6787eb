/** French, as the house writes it: a French word or letter, and the typographic apostrophe, never the straight one. */
export function isFrench(text: string): boolean {
  return /[éèêàâçùûôîï’«»]|\b(le|la|les|du|des|de|un|une|est|pas|vous|votre|ce|cette|pour|avec|dans|requise?|réessayez|plus tard)\b/i.test(text) && !text.includes("'");
}

/** English: plain ASCII and no French word. */
export function isEnglish(text: string): boolean {
  return /^[\x20-\x7e\s]*$/.test(text) && !isFrench(text);
}
