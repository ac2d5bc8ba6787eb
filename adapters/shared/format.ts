/** `125000` → `125 000` (French grouping with a narrow no-break space would confuse SMS gateways: plain space). */
export function formatFcfa(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} FCFA`;
}

/** `OURO-AGORO` → `Ouro-Agoro`, `KOSSI EDEM` → `Kossi Edem`. */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, letter: string) => `${sep}${letter.toUpperCase()}`);
}
