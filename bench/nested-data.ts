/**
 * The data of the nested scenario's bench-only subgraphs (the public federation gateway benchmark's shape: accounts,
 * inventory, products, reviews): users, products and reviews linking them, generated deterministically so that every
 * gateway is asked about the same world. Sized so that the nested query's answer is about 80 KB.
 */
export interface NestedUser {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly birthday: number;
}

export interface NestedProduct {
  readonly upc: string;
  readonly name: string;
  readonly price: number;
  readonly weight: number;
  readonly inStock: boolean;
}

export interface NestedReview {
  readonly id: string;
  readonly body: string;
  readonly authorId: string;
  readonly productUpc: string;
}

export interface NestedWorld {
  readonly users: readonly NestedUser[];
  readonly products: readonly NestedProduct[];
  readonly reviews: readonly NestedReview[];
}

const words = ['guichet', 'dossier', 'compteur', 'permis', 'acte', 'demande', 'citoyen', 'service', 'ministère', 'délai', 'dépôt', 'suivi', 'réseau', 'quartier', 'Lomé', 'Kara', 'Sokodé', 'Atakpamé'];

/** A review body of `length` characters from a fixed vocabulary, varied by `seed` (no randomness: same on every run). */
function bodyOf(seed: number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i += 1) {
    const word = words[(seed * 7 + i * 3 + ((seed + i) % 5)) % words.length] as string;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

/** `users` users with `reviewsPerUser` reviews each, spread round-robin over `products` products. */
export function nestedWorld(options: { readonly users: number; readonly products: number; readonly reviewsPerUser: number; readonly bodyLength: number }): NestedWorld {
  const users = Array.from({ length: options.users }, (_, i) => ({ id: String(i + 1), name: `Usager ${i + 1}`, username: `usager${i + 1}`, birthday: 1_000_000 + i * 86_400 }));
  const products = Array.from({ length: options.products }, (_, i) => ({ upc: String(i + 1), name: `Produit ${i + 1}`, price: 500 + i * 250, weight: 100 + i * 10, inStock: i % 3 !== 0 }));
  const reviews = users.flatMap((user, u) =>
    Array.from({ length: options.reviewsPerUser }, (_, r) => {
      const n = u * options.reviewsPerUser + r;
      return { id: String(n + 1), body: bodyOf(n, options.bodyLength), authorId: user.id, productUpc: String((n % options.products) + 1) };
    }),
  );
  return { users, products, reviews };
}

/** The world the nested scenario runs on (see nestedQuery: about 80 KB per answer). */
export const nestedWorldOptions = { users: 8, products: 10, reviewsPerUser: 3, bodyLength: 130 } as const;
