import { graphql } from '../../graphql.ts';

/** Revocation by token id: a lost phone's, from the officer's line or the register. */
export const RevokeToken = graphql(`
  mutation RevokeOfficerToken($tokenId: String!, $reason: String!) {
    revokeToken(tokenId: $tokenId, reason: $reason) {
      revoked
      count
    }
  }
`);

export const IssueToken = graphql(`
  mutation IssueOfficerToken($role: Role!, $unitCode: String, $officerCode: String, $days: Int) {
    issueToken(role: $role, unitCode: $unitCode, officerCode: $officerCode, days: $days) {
      issued {
        id
        token
        expiresAt
        signInUrl
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
