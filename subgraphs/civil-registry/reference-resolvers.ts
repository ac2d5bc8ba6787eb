/** `_entities` lookups of Citizen: identity loads lazily per field (CitizenResolver), so the key is all the entity needs here. */
export const citizenReferenceResolvers = {
  Citizen: { __resolveReference: (reference: { niu: string }) => ({ niu: reference.niu }) },
};
