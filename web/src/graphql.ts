import { gql } from 'urql';

export const CampaignsQuery = gql`
  query Campaigns {
    campaigns {
      id
      name
      kind
      startsOn
      endsOn
      schemes
    }
  }
`;

export const UnitQuery = gql`
  query Unit($code: String!) {
    unit(code: $code) {
      code
      name
      kind
      generated
      parent {
        code
        name
      }
      children {
        code
        name
        kind
        generated
      }
    }
  }
`;

export interface Campaign {
  id: string;
  name: string;
  kind: 'CAMPAIGN_MONTH' | 'DRIVE';
  startsOn: string;
  endsOn: string;
  schemes: string[];
}

export interface UnitNode {
  code: string;
  name: string;
  kind: string;
  generated: boolean;
  parent?: { code: string; name: string } | null;
  children?: UnitNode[];
}
