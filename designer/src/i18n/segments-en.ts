/** The segments section's words (`#/segments`). */
export const segmentsPageEn = { title: 'Segments' };
