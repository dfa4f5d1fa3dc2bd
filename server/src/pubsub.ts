import type { Scheme } from '@toandan/db/client';
import { createPubSub } from 'graphql-yoga';

export interface TallyChange {
  unitCode: string;
  scheme: Scheme;
  date: string;
  today: number;
  cumulative: number;
}

export interface BoardUpdate {
  sequence: number;
  changes: TallyChange[];
}

/**
 * The process's pub/sub: one topic for every board, keyed "<campaignId>:<unitId>". In process
 * for one server; sharing it across instances through Redis is the next step of issue 4.
 */
export const pubsub = createPubSub<{ 'board:updated': [boardKey: string, update: BoardUpdate] }>();

export const boardKey = (campaignId: string, unitId: number) => `${campaignId}:${unitId}`;
