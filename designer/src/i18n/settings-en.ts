/** The settings section's words (`#/settings`). */
export const settingsPageEn = { title: 'Settings' };
