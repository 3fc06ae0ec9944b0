/** Numbers as the board shows them, in the designer's language. */
export function formatters(locale: string) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const month = new Intl.DateTimeFormat(locale, { year: '2-digit', month: 'short', timeZone: 'UTC' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    count: (v: number) => count.format(v),
    percent: (v: number | null) => (v === null ? '—' : percent.format(v)),
    money: (v: number | null) => (v === null ? '—' : money.format(v)),
    /** `YYYY-MM` → "Jun 26" / "26年6月". */
    month: (ym: string) => month.format(new Date(`${ym}-15T00:00:00Z`)),
    /** `YYYY-MM-DD` as a calendar date (no time zone shift). */
    date: (ymd: string) => date.format(new Date(`${ymd}T00:00:00Z`)),
    /** An instant's calendar date in a time zone (the shop's). */
    dateIn: (iso: string, timeZone: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso)),
  };
}
export type Formatters = ReturnType<typeof formatters>;
