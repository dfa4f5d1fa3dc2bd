import { graphql } from '../graphql.ts';

/** Who is signing people up, and the campaigns to choose from. */
export const FieldContextQuery = graphql(`
  query FieldContext {
    unitTreeVersion
    viewer {
      role
      unitCode
      officer {
        code
        name
        unit {
          code
        }
      }
    }
    campaigns {
      id
      name
      startsOn
      endsOn
      schemes
      graceDays
      closedAt
    }
  }
`);

/** The tree's version alone: the cheap check, at each connection, that the kept units still stand. */
export const FieldTreeVersionQuery = graphql(`
  query FieldTreeVersion {
    unitTreeVersion
  }
`);

/** A unit and the units directly below it (a query's cost allows one level at a time). */
export const FieldUnitsQuery = graphql(`
  query FieldUnits($code: String!) {
    unit(code: $code) {
      code
      name
      children {
        code
        name
      }
    }
  }
`);

/** "My progress": the officer's own quota, and the unit's today against its daily goal. */
export const MyProgressQuery = graphql(`
  query MyProgress($campaignId: ID!, $unitCode: String!) {
    viewer {
      officer {
        code
        name
        progress(campaignId: $campaignId) {
          scheme
          quota
          counted
          met
        }
      }
    }
    board(campaignId: $campaignId, unitCode: $unitCode) {
      unit {
        code
        name
      }
      totals {
        scheme
        today
        dailyGoal
      }
    }
  }
`);

/** What the phone kept, in one request; each item answers on its own. */
export const SubmitEnrolmentsMutation = graphql(`
  mutation SubmitEnrolments($inputs: [SubmitEnrolmentInput!]!) {
    submitEnrolments(inputs: $inputs) {
      enrolment {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

/**
 * The people of the officer's unit to call back (Đến hạn tái tục), by hamlet: what the phone
 * keeps of each, with the citizen ID masked (the renewal names the cover by its id).
 */
export const RenewalsDueQuery = graphql(`
  query RenewalsDue($unitCode: String!, $after: String) {
    renewalsDue(unitCode: $unitCode, orderBy: ADDRESS, withinDays: 30, first: 500, after: $after) {
      edges {
        node {
          id
          citizenIdMasked
          fullName
          scheme
          unit {
            code
            name
          }
          coverageUntil
          hamlet
          address
          householdCode
          phone
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
