/** A content file that cannot be used as it is. The message names the file and what to fix. */
export class ContentError extends Error {
  override readonly name = 'ContentError';

  constructor(
    readonly file: string,
    problem: string,
    readonly field?: string,
  ) {
    super(`${file}: ${problem}`);
  }
}
