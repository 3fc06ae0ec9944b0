/** The tags section's words (`#/tags`). */
export const tagsPageEn = { title: 'Tags' };
