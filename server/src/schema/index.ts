import { builder } from '../builder.ts';
import './scalars.ts';
import './scheme.ts';
import './unit.ts';
import './campaign.ts';
import './board.ts';
import './boardHistory.ts';
import './enrolment.ts';
import './enrolmentList.ts';
import './campaignAdmin.ts';
import './unitAdmin.ts';
import './boardUpdate.ts';
import './auth.ts';
import './officer.ts';
import './population.ts';
import './audit.ts';

export const schema = builder.toSchema({ sortSchema: false });
