/**
 * "038 ••• ••• 345": enough for the officer to tell people apart, not the whole ID on screen
 * nor on a lost phone. Masking a masked ID gives it back unchanged.
 */
export function maskedCitizenId(citizenId: string): string {
  return `${citizenId.slice(0, 3)} ••• ••• ${citizenId.slice(-3)}`;
}
