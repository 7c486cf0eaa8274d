import type { LintRule } from './rule.js';

export const imageRequired: LintRule = {
  id: 'image-required',
  severity: 'error',
  summary: 'Custom mode without server.image (the stock image has no ClaimMapper that reads the policy).',
  check: ({ spec }) =>
    spec.server?.authorization?.mode === 'custom' && !spec.server.image
      ? [
          {
            path: ['server'],
            message: 'custom mode needs the custom-auth image: set server.image.repository and tag, or use authorization.mode: builtin with the stock image',
          },
        ]
      : [],
};
