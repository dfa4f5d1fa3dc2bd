import { graphql } from '../graphql.ts';
import { BoardRowFields } from './BoardRow.tsx';
import { BreadcrumbFields } from './Breadcrumb.tsx';
import { OfficerProgressFields } from './OfficersPanel.tsx';
import { HistoryFields } from './ProgressChart.tsx';
import { TallyFields } from './TallyCell.tsx';
import { TickerFields } from './Ticker.tsx';

/** How many enrolments the ticker shows. */
export const TICKER_LENGTH = 8;

/** Everything a board page shows, composed from its components' fragments. */
export const BoardQuery = graphql(
  `
  query Board($campaignId: ID!, $unitCode: String!, $date: Date, $recent: Int!) {
    board(campaignId: $campaignId, unitCode: $unitCode, date: $date) {
      date
      sequence
      campaign {
        id
        name
        startsOn
        endsOn
        schemes
        state
        graceDays
        closedAt
        workingHours {
          start
          end
        }
        unit {
          code
        }
      }
      unit {
        ...BreadcrumbFields
      }
      totals {
        ...TallyFields
      }
      rows {
        ...BoardRowFields
      }
      history {
        ...HistoryFields
      }
      recentEnrolments(first: $recent) {
        ...TickerFields
      }
      officers {
        ...OfficerProgressFields
      }
    }
  }
`,
  [BreadcrumbFields, TallyFields, BoardRowFields, HistoryFields, TickerFields, OfficerProgressFields],
);

/** The ticker alone, refreshed now and then while updates arrive, without reading the board again. */
export const TickerQuery = graphql(
  `
  query BoardTicker($campaignId: ID!, $unitCode: String!, $recent: Int!) {
    recentEnrolments(campaignId: $campaignId, unitCode: $unitCode, first: $recent) {
      ...TickerFields
    }
  }
`,
  [TickerFields],
);

export const BoardUpdatedSubscription = graphql(`
  subscription BoardUpdated($campaignId: ID!, $unitCode: String!) {
    boardUpdated(campaignId: $campaignId, unitCode: $unitCode) {
      sequence
      committedAt
      changes {
        unitCode
        scheme
        date
        today
        cumulative
        renewedToday
        renewed
        dueForRenewal
        lapsed
        dueWithin7Days
        netGrowth
      }
    }
  }
`);
