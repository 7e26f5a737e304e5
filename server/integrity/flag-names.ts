/**
 * The response flags of METHOD.md section 7. A flag is a fact the server adds to a stored
 * response and never removes; it never changes a score and never removes a response by itself.
 */
export const flagNames = ['too_fast', 'straight_line', 'duplicate', 'burst'] as const;
export type FlagName = (typeof flagNames)[number];
