import { schemes } from '@toandan/shared/schemes';
import { builder } from '../builder.ts';

export const SchemeEnum = builder.enumType('Scheme', {
  description: 'An insurance scheme (loại hình bảo hiểm) that a campaign can run.',
  values: Object.fromEntries(
    schemes.map((scheme) => [scheme.code, { description: `${scheme.en} (${scheme.vi})` }]),
  ) as Record<(typeof schemes)[number]['code'], { description: string }>,
});
