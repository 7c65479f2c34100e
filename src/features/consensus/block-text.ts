/**
 * The governance: "Blocks must propose alternatives or clear criteria for resolution." A block says
 * so on a line of its own, `Alternative: …` or `Criteria: …` (also `Alternatives:`, `Resolution:`,
 * `Resolution criteria:`, `Criteria for resolution:`), with text after the colon; a bare objection
 * is answered with a request for them and does not block.
 */
const RESOLUTION_LINE = /^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:alternatives?|criteria(?: for resolution)?|resolution(?: criteria)?)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*\S/im;

export function statesResolution(body: string): boolean {
  return RESOLUTION_LINE.test(body);
}
