/** The customers section's words (`#/customers`). */
export const customersPageEn = { title: 'Customers' };
