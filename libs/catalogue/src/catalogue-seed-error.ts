/** A seed file that is missing, not JSON, or breaks a rule; `file` names it. */
export class CatalogueSeedError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'CatalogueSeedError';
  }
}
