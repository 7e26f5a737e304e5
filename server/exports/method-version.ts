/**
 * The version of METHOD.md the figures follow; it changes only with the method. On its own,
 * importing nothing, so the printed reports of the staff pages can name it too.
 */
export const methodVersion = 'CB-HPI method v1';
