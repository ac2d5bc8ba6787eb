import { registerEnumType } from 'type-graphql';
import { DossierStatus } from '../../../schema/dossier-status.js';

registerEnumType(DossierStatus, {
  name: 'DossierStatus',
  description: 'Statut normalisé, commun à tous les ministères : celui sur lequel s’appuient les applications mobiles.',
  valuesConfig: {
    QUEUED: { description: 'Acceptée par Guichet, pas encore transmise au ministère.' },
    SUBMITTED: { description: 'Déposée auprès du ministère.' },
    IN_PROGRESS: { description: 'En cours de traitement par le ministère.' },
    ACTION_REQUIRED: { description: 'Le citoyen doit agir : payer, compléter le dossier, retirer un document.' },
    APPROVED: { description: 'Accordée.' },
    COMPLETED: { description: 'Terminée : le service est rendu.' },
    REJECTED: { description: 'Rejetée par le ministère.' },
  },
});

export { DossierStatus };
