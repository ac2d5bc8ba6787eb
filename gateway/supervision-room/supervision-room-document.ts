import { parse, print } from 'graphql';

/**
 * The one operation the supervision room reads, every push interval, per token and filter. Sent as its printed
 * text, which is exactly the body of `clients/operations/SupervisionRoom.graphql` in the trusted-documents
 * manifest: in `enforce` mode a supervisor may send no other document. The catalogue rides along so that the page
 * can name procedures and ministries without a second request.
 */
const source = /* GraphQL */ `
  query SupervisionRoom($filter: SupervisionFilter) {
    supervision(filter: $filter) {
      asOf
      incomplete
      unavailableSystems
      totals { ...RoomFigures }
      byMinistry { ministry figures { ...RoomFigures } }
      byProcedure { procedure { code } figures { ...RoomFigures } }
      byCommune { commune figures { ...RoomFigures } }
      submittedPerDay { day count }
      legacySystems { system name successRate latencyMsP50 latencyMsP95 calls circuit lastFailureAt lastFailureCode }
    }
    procedures { code title ministry ministryCode legalDelayDays }
  }
  fragment RoomFigures on ProcessingFigures {
    total
    byStatus { status count }
    processingDaysP50
    processingDaysP90
    backlog
    backlogAgeDaysP50
    backlogAgeDaysMax
    beyondLegalDelayShare
    waitingOnCitizen
  }
`;

export const supervisionRoomOperationName = 'SupervisionRoom';

/** The canonical (printed) body: what the manifest stores and hashes. */
export const supervisionRoomDocument = print(parse(source));
