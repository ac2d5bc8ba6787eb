import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type GraphQLSchema, parse } from 'graphql';
import type { NestedProduct, NestedReview, NestedUser, NestedWorld } from './nested-data.js';

const federation = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';

/** The four subgraphs of the public federation gateway benchmark's shape, over one generated world. */
export const nestedSubgraphNames = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type NestedSubgraphName = (typeof nestedSubgraphNames)[number];

const byKey = <T>(items: readonly T[], key: (item: T) => string): ReadonlyMap<string, T> => new Map(items.map((item) => [key(item), item]));

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): ReadonlyMap<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** Each subgraph's schema: its SDL and resolvers, built with @apollo/subgraph as any Federation 2 subgraph. */
export function nestedSubgraphSchemas(world: NestedWorld): Record<NestedSubgraphName, GraphQLSchema> {
  const users = byKey(world.users, (u) => u.id);
  const products = byKey(world.products, (p) => p.upc);
  const reviewsByAuthor = groupBy(world.reviews, (r) => r.authorId);
  const reviewsByProduct = groupBy(world.reviews, (r) => r.productUpc);
  const build = (sdl: string, resolvers: GraphQLResolverMap<unknown>) => buildSubgraphSchema({ typeDefs: parse(`${federation}\n${sdl}`), resolvers });
  return {
    accounts: build(
      `type Query { me: User  user(id: ID!): User  users: [User] }
       type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
      {
        Query: { me: () => world.users[0], user: (_: unknown, args: { id: string }) => users.get(args.id), users: () => world.users },
        User: { __resolveReference: (ref: { id: string }) => users.get(ref.id) },
      },
    ),
    inventory: build(`type Product @key(fields: "upc") { upc: String!  weight: Int @external  price: Int @external  inStock: Boolean  shippingEstimate: Int @requires(fields: "price weight") }`, {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: products.get(ref.upc)?.inStock ?? false }),
        // Free above 1,000, else half the weight: needs price and weight from products (@requires).
        shippingEstimate: (product: { price?: number; weight?: number }) => ((product.price ?? 0) > 1_000 ? 0 : Math.round((product.weight ?? 0) / 2)),
      },
    }),
    products: build(
      `type Query { topProducts(first: Int = 5): [Product] }
       type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
      {
        Query: { topProducts: (_: unknown, args: { first: number }) => world.products.slice(0, args.first) },
        Product: { __resolveReference: (ref: { upc: string }) => products.get(ref.upc) },
      },
    ),
    reviews: build(
      `type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
       type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
       type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
      {
        Review: {
          product: (review: NestedReview) => ({ upc: review.productUpc }),
          author: (review: NestedReview) => ({ id: review.authorId, username: users.get(review.authorId)?.username }),
        },
        User: { reviews: (user: Pick<NestedUser, 'id'>) => reviewsByAuthor.get(user.id) ?? [] },
        Product: { reviews: (product: Pick<NestedProduct, 'upc'>) => reviewsByProduct.get(product.upc) ?? [] },
      },
    ),
  };
}

/** The query of that benchmark's shape: five levels of entities across the four subgraphs. */
export const nestedQuery = `fragment NestedUser on User { id username name }
fragment NestedReview on Review { id body }
fragment NestedProduct on Product { inStock name price shippingEstimate upc weight }
query NestedBench {
  users {
    ...NestedUser
    reviews { ...NestedReview product { ...NestedProduct reviews { ...NestedReview author { ...NestedUser reviews { ...NestedReview product { ...NestedProduct } } } } } }
  }
  topProducts {
    ...NestedProduct
    reviews { ...NestedReview author { ...NestedUser reviews { ...NestedReview product { ...NestedProduct } } } }
  }
}`;
