/** One tally's new values, as `boardUpdated` sends them (API.md, TallyChange). */
export interface TallyChange<Scheme extends string = string> {
  unitCode: string;
  scheme: Scheme;
  date: string;
  today: number;
  cumulative: number;
  renewedToday: number;
  renewed: number;
  dueForRenewal: number;
  lapsed: number;
  /** Covers ending from the day to 7 days after it, not renewed. */
  dueWithin7Days: number;
  netGrowth: number;
}

/** One message of `boardUpdated`: the board's sequence and what changed at it. */
export interface BoardUpdate<Scheme extends string = string> {
  sequence: number;
  changes: TallyChange<Scheme>[];
}
