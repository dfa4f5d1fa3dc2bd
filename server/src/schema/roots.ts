import { builder } from '../builder.ts';

// The three roots of the schema. Each concept's file (schema/<concept>.ts) adds its own fields
// to them with builder.queryField, builder.mutationField and builder.subscriptionField.

builder.queryType({ description: 'Read the campaigns, the unit tree and the boards.' });

builder.mutationType({ description: 'Submit enrolments (kê khai người tham gia) and run campaigns.' });

builder.subscriptionType({ description: 'Live updates over graphql-ws (graphql-transport-ws).' });
