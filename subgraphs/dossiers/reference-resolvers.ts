import { findProcedure } from '../../schema/index.js';
import { notFoundError, type ReferenceResolvers } from '../shared/index.js';
import { procedureView } from './procedure-view.js';

export const dossiersReferenceResolvers: ReferenceResolvers = {
  Procedure: {
    __resolveReference: (reference: { code: string }) => {
      const entry = findProcedure(reference.code);
      if (!entry) throw notFoundError(`Aucune démarche n’a le code « ${reference.code.slice(0, 60)} ».`);
      return procedureView(entry);
    },
  },
};
